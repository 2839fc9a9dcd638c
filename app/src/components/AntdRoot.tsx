/**
 * antd's locale and theme, and its App context (toasts, modals), around the part of the app that uses
 * antd: the staff shell and its pages, and the public pages still drawn with antd. Loaded lazily
 * (components/antd-lazy.tsx), so the public ranking's first load carries none of antd.
 */
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import viVN from "antd/locale/vi_VN";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function AntdRoot({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === "en" ? enUS : viVN}
      theme={{
        // Secondary and description text darker than antd's defaults, for 4.5:1 contrast (WCAG AA).
        token: {
          colorPrimary: "#0b57d0",
          colorLink: "#0b57d0",
          borderRadius: 6,
          colorTextSecondary: "rgba(0, 0, 0, 0.68)",
          colorTextTertiary: "rgba(0, 0, 0, 0.62)",
          colorTextDescription: "rgba(0, 0, 0, 0.62)",
          // antd's placeholder grey and error red are below 4.5:1 on white.
          colorTextPlaceholder: "rgba(0, 0, 0, 0.6)",
          colorError: "#c41d1f",
        },
      }}
    >
      {/* Toasts below the page header, clear of a drawer's or modal's title bar. */}
      <AntApp message={{ top: 72, maxCount: 3 }}>{children}</AntApp>
    </ConfigProvider>
  );
}
