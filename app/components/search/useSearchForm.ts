import { useLocation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, type FormEvent } from "react";
import { cleanSearchParams } from "~/components/search-url";

/** After a navigation (a link, back/forward), uncontrolled fields show what the URL says. */
function syncFormToParams(form: HTMLFormElement, params: URLSearchParams) {
  for (const element of Array.from(form.elements)) {
    if (element instanceof HTMLInputElement && element.name) {
      if (element.type === "checkbox" || element.type === "radio") element.checked = params.getAll(element.name).includes(element.value);
      else if (element.type !== "hidden" && element.type !== "submit") element.value = params.get(element.name) ?? "";
    } else if (element instanceof HTMLSelectElement && element.name) {
      element.value = params.get(element.name) ?? "";
    }
  }
}

/**
 * What JavaScript adds to the search form (which works without it): submit without empty
 * fields, re-run the search when a choice changes (a select, checkbox or radio anywhere in the
 * page that belongs to the form: put `onChange` on a container), and keep the fields in step
 * with the URL after a navigation.
 */
export function useSearchForm(action: string) {
  const submit = useSubmit();
  const location = useLocation();
  const formRef = useRef<HTMLFormElement>(null);

  // Not when the page comes alive: the fields were rendered from this very URL, and may by now hold
  // what someone typed before the scripts had loaded (a slow phone), which must not be wiped.
  const shownSearch = useRef(location.search);
  useEffect(() => {
    if (location.search === shownSearch.current) return;
    shownSearch.current = location.search;
    if (formRef.current) syncFormToParams(formRef.current, new URLSearchParams(location.search));
  }, [location.search]);

  const submitForm = (form: HTMLFormElement) => {
    const params = cleanSearchParams(new URLSearchParams(new FormData(form) as unknown as Record<string, string>));
    params.delete("page");
    submit(params, { method: "get", action, preventScrollReset: true });
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submitForm(event.currentTarget);
  };
  const onChange = (event: FormEvent<HTMLElement>) => {
    const target = event.target as EventTarget;
    const isChoice =
      target instanceof HTMLSelectElement ||
      (target instanceof HTMLInputElement && (target.type === "checkbox" || target.type === "radio"));
    if (isChoice && formRef.current && (target as HTMLInputElement).form === formRef.current) submitForm(formRef.current);
  };
  return { formRef, onSubmit, onChange };
}
