/**
 * The antd part of the app, loaded only when a page needs it: the staff shell, and public pages still
 * drawn with antd. Each waits for every namespace's strings (i18n-load.ts `loadAllStrings`) as well as its
 * code, so a staff page never renders a key.
 */
import { type ComponentType, lazy } from "react";
import { loadAllStrings } from "../i18n-load.ts";

/** The staff shell around every page but the public ones (components/StaffRoot.tsx). */
export const StaffRoot = lazy(() =>
  Promise.all([import("./StaffRoot.tsx"), loadAllStrings()]).then(([m]) => m),
);

/** A lazily loaded page drawn with antd, inside antd's theme (components/AntdRoot.tsx). */
export function withAntd<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  return lazy(async () => {
    const [{ AntdRoot }, { default: Page }] = await Promise.all([
      import("./AntdRoot.tsx"),
      load(),
      loadAllStrings(),
    ]);
    return {
      default: (props: P) => (
        <AntdRoot>
          <Page {...props} />
        </AntdRoot>
      ),
    };
  });
}
