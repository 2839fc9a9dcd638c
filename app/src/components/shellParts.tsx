/**
 * What the staff frame (Shell.tsx, antd) and the public frame (PublicShell.tsx, plain) show alike:
 * the caller's menu entries with the account page, the languages, the signed-in user's name linking
 * to the password page, and signing out back to the home page. No antd here, so the public frame
 * stays light.
 */
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { type Me, useMe, useSignOut } from "../auth.tsx";
import type { Language } from "../i18n.ts";
import { navFor } from "../nav.ts";

export const LANGUAGE_OPTIONS: { value: Language; label: string; title: string }[] = [
  { value: "vi", label: "VI", title: "Tiếng Việt" },
  { value: "en", label: "EN", title: "English" },
];

export const ACCOUNT_PATH = "/account/password";

export interface ShellLink {
  key: string;
  to: string;
  label: string;
}

/** The caller, the role's menu (`links`), the account page's entry and signing out to the home page. */
export function useShell() {
  const { t } = useTranslation();
  const { me } = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const links: ShellLink[] = navFor(me).map((n) => ({
    key: n.key,
    to: n.path(me),
    label: t(`nav.${n.key}`),
  }));
  const account: ShellLink | null = me
    ? { key: "password", to: ACCOUNT_PATH, label: t("auth.changePassword") }
    : null;
  const signOutHome = async () => {
    await signOut();
    navigate("/");
  };
  return { me, links, account, signOutHome };
}

/** The signed-in user's name, leading to their password page (hidden on a phone: the menu has it). */
export function UserLink({ me }: { me: Me }) {
  const { t } = useTranslation();
  const label = `${me.displayName} — ${t("auth.changePassword")}`;
  return (
    <Link to={ACCOUNT_PATH} className="hide-narrow shell-user" title={label} aria-label={label}>
      {me.displayName}
    </Link>
  );
}
