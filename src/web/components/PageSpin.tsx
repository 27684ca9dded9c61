import { Spin } from "antd";

/** Shown while a lazily loaded page or the session check is on its way. */
export function PageSpin() {
  return (
    <div style={{ display: "flex", justifyContent: "center", alignItems: "center", minHeight: 240 }}>
      <Spin />
    </div>
  );
}
