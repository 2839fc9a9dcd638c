/**
 * antd's placeholder grey (25 % black) and its error red (#ff4d4f, on danger buttons and field errors)
 * are below 4.5:1 on white; these pages darken them (WCAG 1.4.3). A nested ConfigProvider keeps the
 * app's locale and theme and changes only these tokens.
 */
import { ConfigProvider } from "antd";
import type { ReactNode } from "react";

export function Readable({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider theme={{ token: { colorTextPlaceholder: "rgba(0, 0, 0, 0.6)", colorError: "#c41d1f" } }}>
      {children}
    </ConfigProvider>
  );
}
