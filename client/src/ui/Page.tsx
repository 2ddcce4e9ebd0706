// A screen's heading and document title; moves focus to the heading when the screen changes.
import { type ReactNode, useEffect, useRef } from "react";
import { INSTANCE_NAME } from "../instance.ts";

let firstScreen = true;

export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — ${INSTANCE_NAME}`;
  }, [title]);
  useEffect(() => {
    // Screen readers learn that the screen changed; the first load keeps the browser's own focus.
    if (firstScreen) firstScreen = false;
    else heading.current?.focus();
  }, []);
  return (
    <>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <p role="status" className="muted">
      {label}
    </p>
  );
}

export function ErrorMessage({ message }: { message: string }) {
  return (
    <p role="alert" className="error">
      {message}
    </p>
  );
}
