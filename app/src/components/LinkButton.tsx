/** A link that looks like a button (an <a>, so it opens in a new tab too), routed inside the app. */
import { Button, type ButtonProps } from "antd";
import { useNavigate } from "react-router";

export function LinkButton({ to, ...props }: Omit<ButtonProps, "href" | "onClick"> & { to: string }) {
  const navigate = useNavigate();
  return (
    <Button
      {...props}
      href={to}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    />
  );
}
