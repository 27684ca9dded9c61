import { Card, Col, Row } from "antd";
import { useState } from "react";
import { useMe } from "../../auth/AuthContext.js";
import { useT } from "../../i18n/index.js";
import { UnitDetailDrawer } from "./UnitDetailDrawer.js";
import { UnitSearch } from "./UnitSearch.js";
import { UnitTree } from "./UnitTree.js";

/** Browse the hierarchy from the user's scope, or search it; both open a unit's details. */
export default function UnitsPage() {
  const t = useT();
  const me = useMe();
  const [open, setOpen] = useState<string | null>(null);
  // Department staff look at the region their department belongs to (the server's policy does the same).
  const rootCode = me.scope.level === "department" && me.scope.parentCode ? me.scope.parentCode : me.scope.code;

  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xl={9}>
          <Card title={t.common.search} size="small">
            <UnitSearch onOpen={setOpen} />
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={15}>
          <Card title={t.units.tree} size="small">
            <UnitTree rootCode={rootCode} onOpen={setOpen} />
          </Card>
        </Col>
      </Row>
      <UnitDetailDrawer code={open} onClose={() => setOpen(null)} />
    </>
  );
}
