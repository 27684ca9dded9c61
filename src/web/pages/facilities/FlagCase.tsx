import { App, Button, Popconfirm, Tag } from "antd";
import { Link } from "react-router-dom";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";

/**
 * A flag's way into a case 问题线索: the button for the office or the commission while no case was
 * opened from it, the case (a link for those who handle it) once one was.
 */
export function FlagCase({ path, caseId, canOpen, onOpened, testId }: { path: string; caseId: string | null; canOpen: boolean; onOpened: () => void; testId: string }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const open = async () => {
    try {
      await api.post(path);
      void message.success(t.projects.opened);
      onOpened();
    } catch (err) {
      showError(err);
    }
  };
  if (caseId) {
    const handler = me.role === "office" || me.role === "commission";
    return handler ? <Link to={`/cases/${caseId}`} data-testid={`${testId}-case`}><Tag color="blue">{t.projects.opened}</Tag></Link> : <Tag color="blue">{t.projects.opened}</Tag>;
  }
  if (!canOpen) return null;
  return (
    <Popconfirm title={t.projects.openConfirm} onConfirm={() => void open()}>
      <Button size="small" danger data-testid={`${testId}-open`} onClick={(e) => e.stopPropagation()}>{t.projects.openCase}</Button>
    </Popconfirm>
  );
}
