import nodemailer from "nodemailer";

/** An e-mail ready to send: already translated and rendered. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The recipient's language, written in the Content-Language header. */
  language: string;
}

export interface Mailer {
  send(message: OutgoingEmail): Promise<void>;
  close(): void;
}

/**
 * Outgoing e-mail over SMTP (nodemailer) to the server in SMTP_URL, or to the embedded sink.
 * Only the worker's send_email task calls this: everything else enqueues (email-queue.server.ts).
 */
export function createMailer(options: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: {
          "Auto-Submitted": "auto-generated",
          "Content-Language": message.language,
        },
      });
    },
    close() {
      transport.close();
    },
  };
}
