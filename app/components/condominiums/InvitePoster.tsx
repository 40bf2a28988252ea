import { dir } from "~/i18n/config";

/** The poster's words in one language (the loader fills them: Italian, and the viewer's language). */
export interface PosterTexts {
  lang: string;
  title: string;
  what: string;
  /** Scan the QR or open the address (shown after it, left to right in every language), sign in, type the code. */
  steps: [string, string, string];
  codeLabel: string;
}

function Steps({ steps, joinPage }: { steps: PosterTexts["steps"]; joinPage: string }) {
  return (
    <ol className="vc-poster-steps">
      <li>
        {steps[0]}{" "}
        <span dir="ltr" className="vc-poster-url">
          {joinPage}
        </span>
      </li>
      <li>{steps[1]}</li>
      <li>{steps[2]}</li>
    </ol>
  );
}

/**
 * The printable invitation: building, what Vicinato offers, the code in large type beside the QR
 * code that opens the join form, and three steps; in Italian and, below, the viewer's language.
 */
export function InvitePoster({
  name,
  address,
  inviteCode,
  joinPage,
  qrSvg,
  qrLabel,
  texts,
}: {
  name: string;
  address: string;
  inviteCode: string;
  /** Where to type the code by hand. */
  joinPage: string;
  /** An SVG document made on the server by the qrcode package from our own join URL. */
  qrSvg: string;
  qrLabel: string;
  texts: PosterTexts[];
}) {
  const [main, ...others] = texts;
  return (
    <article className="vc-poster" aria-labelledby="poster-heading" lang={main.lang} dir={dir(main.lang)}>
      <header className="vc-poster-head">
        <h1 id="poster-heading" className="vc-poster-name">
          {name}
        </h1>
        <p className="vc-poster-address">{address}</p>
      </header>
      <section className="vc-poster-lang">
        <h2 className="vc-poster-title">{main.title}</h2>
        <p className="vc-poster-what">{main.what}</p>
      </section>
      <div className="vc-poster-code">
        <div className="vc-poster-qr" role="img" aria-label={qrLabel} dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <div className="vc-poster-code-text">
          <p className="vc-poster-code-label">
            {main.codeLabel}
            {others.map((o) => (
              <span key={o.lang} lang={o.lang} dir={dir(o.lang)} className="d-block">
                {o.codeLabel}
              </span>
            ))}
          </p>
          <p className="vc-poster-code-value" data-testid="poster-code">
            {inviteCode}
          </p>
        </div>
      </div>
      <Steps steps={main.steps} joinPage={joinPage} />
      {others.map((o) => (
        <section key={o.lang} lang={o.lang} dir={dir(o.lang)} className="vc-poster-lang vc-poster-other">
          <h2 className="vc-poster-title">{o.title}</h2>
          <p className="vc-poster-what">{o.what}</p>
          <Steps steps={o.steps} joinPage={joinPage} />
        </section>
      ))}
    </article>
  );
}
