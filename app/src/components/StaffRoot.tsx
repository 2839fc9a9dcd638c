/** The staff part of the app: antd's theme, the shell with the role's menu, and the page. */
import { Spin } from "antd";
import { Suspense } from "react";
import { Outlet } from "react-router";
import { AntdRoot } from "./AntdRoot.tsx";
import { Shell } from "./Shell.tsx";

export default function StaffRoot() {
  return (
    <AntdRoot>
      <Shell>
        <Suspense fallback={<Spin style={{ display: "block", margin: 48 }} />}>
          <Outlet />
        </Suspense>
      </Shell>
    </AntdRoot>
  );
}
