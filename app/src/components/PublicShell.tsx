/**
 * The frame around the public pages, in plain React and CSS (styles.css, `.pub-…`): skip link, the
 * demo's banner, a header with the app's name, the menu (folded behind a button on a phone when it
 * has more than one entry), the language switch and sign-in. The staff shell (Shell.tsx) is antd's;
 * this one loads with the page, so a visitor's first public page carries no antd.
 */
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, NavLink } from "react-router";
import { setLanguage } from "../i18n.ts";
import { DemoBanner } from "./DemoBanner.tsx";
import { LANGUAGE_OPTIONS, UserLink, useShell } from "./shellParts.tsx";

export function PublicShell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { me, links, account, signOutHome } = useShell();
  const [open, setOpen] = useState(false);
  const items = account ? [...links, account] : links;
  // One entry needs no folding; more fold behind "Menu" on a phone (CSS shows the button there only).
  const folds = items.length > 1;
  return (
    <div className="pub-layout">
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <DemoBanner />
      <header className="pub-header">
        <Link to="/" className="pub-brand" aria-label={t("homeLink")}>
          parindex
        </Link>
        {folds && (
          <button
            type="button"
            className="light-button light-button-small pub-menu-button"
            aria-expanded={open}
            aria-controls="public-menu"
            onClick={() => setOpen(!open)}
          >
            {t("menu")}
          </button>
        )}
        <nav
          id="public-menu"
          aria-label={t("mainMenu")}
          className={
            folds ? (open ? "pub-nav pub-nav-folds pub-nav-open" : "pub-nav pub-nav-folds") : "pub-nav"
          }
        >
          <ul>
            {items.map((i) => (
              <li key={i.key} className={i.key === "password" ? "pub-nav-narrow-only" : undefined}>
                <NavLink to={i.to} onClick={() => setOpen(false)}>
                  {i.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="pub-tools">
          {/* biome-ignore lint/a11y/useSemanticElements: a pair of toggle buttons, as antd's Segmented was */}
          <div role="group" aria-label={t("language")} className="pub-lang">
            {LANGUAGE_OPTIONS.map((o) => (
              <button
                key={o.value}
                type="button"
                title={o.title}
                lang={o.value}
                aria-pressed={i18n.language === o.value}
                onClick={() => setLanguage(o.value)}
              >
                {o.label}
              </button>
            ))}
          </div>
          {me ? (
            <>
              <UserLink me={me} />
              <button type="button" className="light-button light-button-small" onClick={signOutHome}>
                {t("auth.signOut")}
              </button>
            </>
          ) : (
            <Link to="/login">{t("auth.signIn")}</Link>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="pub-main">
        {me?.mustChangePassword ? <Navigate to="/account/password" replace /> : children}
      </main>
      <footer className="pub-footer">{t("footer")}</footer>
    </div>
  );
}
