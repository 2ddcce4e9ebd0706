// Mounts the workspace application.
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { LangProvider } from "./i18n.tsx";
import { SessionProvider } from "./session.tsx";
import "./styles.css";

createRoot(document.getElementById("app")!).render(
  <LangProvider>
    <SessionProvider>
      <App />
    </SessionProvider>
  </LangProvider>,
);
