import { Typography } from "antd";
import { useLocation } from "react-router";

// Replaced by this journey's pages.
export default function Placeholder() {
  return (
    <div className="page">
      <Typography.Title level={1}>{useLocation().pathname}</Typography.Title>
    </div>
  );
}
