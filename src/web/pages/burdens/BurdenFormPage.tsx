import { Alert, Button, Result } from "antd";
import { Link, useLocation, useParams, useSearchParams } from "react-router-dom";
import { burdensApi } from "../../api/endpoints.js";
import { useMe } from "../../auth/AuthContext.js";
import { PageSpin } from "../../components/PageSpin.js";
import { errorText } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { BurdenEditor } from "./BurdenEditor.js";
import { detailValues, newValues, relayValues } from "./formModel.js";

/**
 * /burdens/new (optionally ?parent=<id> to relay an admitted burden down) and /burdens/:id/edit:
 * loads what the form starts from, then hands over to the editor.
 */
export default function BurdenFormPage() {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  const { id } = useParams();
  const [search] = useSearchParams();
  const parentId = id ? null : search.get("parent");
  const existing = useLoad(id ?? null, (signal) => burdensApi.get(id ?? "", signal));
  const parent = useLoad(parentId, (signal) => burdensApi.get(parentId ?? "", signal));
  const source = id ? existing : parentId ? parent : null;

  if (source?.loading || (source && !source.data && !source.error)) return <PageSpin />;
  if (source?.error) {
    return <Result status="warning" title={errorText(source.error, t)} extra={<Link to="/burdens">{t.burdenForm.back}</Link>} />;
  }
  if (id && existing.data && !existing.data.can.includes("edit")) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t.burdenForm.notEditable}
        action={
          <Link to={`/burdens/${id}`}>
            <Button size="small">{t.gate.view}</Button>
          </Link>
        }
      />
    );
  }

  if (existing.data) {
    return (
      <BurdenEditor key={existing.data.id} id={existing.data.id} initial={detailValues(existing.data)} initialTargets={existing.data.targetSample} />
    );
  }
  if (parent.data) {
    return <BurdenEditor key={`relay-${parent.data.id}`} initial={relayValues(parent.data, me)} parent={{ id: parent.data.id, title: parent.data.title }} />;
  }
  return <BurdenEditor key={location.key} initial={newValues(me)} />;
}
