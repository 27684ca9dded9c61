import { Button, Empty, Space, Tree } from "antd";
import type { TreeDataNode } from "antd";
import { useMemo, useState } from "react";
import type { Unit, UnitChildren } from "../../../contracts/org.js";
import { unitsApi } from "../../api/endpoints.js";
import { LevelTag } from "../../components/LevelTag.js";
import { PageSpin } from "../../components/PageSpin.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";

const PAGE = 500;
const MORE = "more:";
type Node = Unit & { hasChildren: boolean };
type Kids = { codes: string[]; total: number };

function unitTitle(u: Unit) {
  return (
    <Space size={6}>
      <span>{u.name}</span>
      <span className="jf-tree-code">{u.code}</span>
      <LevelTag level={u.level} />
    </Space>
  );
}

/** The hierarchy below `rootCode`, loaded one level at a time (500 children per request, then "load more"). */
export function UnitTree({ rootCode, onOpen }: { rootCode: string; onOpen: (code: string) => void }) {
  const t = useT();
  const showError = useApiError();
  const root = useLoad(rootCode, (signal) => unitsApi.get(rootCode, signal));
  const [nodes, setNodes] = useState<Record<string, Node>>({});
  const [kids, setKids] = useState<Record<string, Kids>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const fetchPage = async (parent: string, offset: number) => {
    const page: UnitChildren = await unitsApi.children(parent, { limit: PAGE, offset });
    setNodes((prev) => ({ ...prev, ...Object.fromEntries(page.items.map((u) => [u.code, u])) }));
    setKids((prev) => ({
      ...prev,
      [parent]: { codes: [...(offset > 0 ? (prev[parent]?.codes ?? []) : []), ...page.items.map((u) => u.code)], total: page.total },
    }));
  };

  const loadMore = (parent: string) => {
    setBusy(parent);
    fetchPage(parent, kids[parent]?.codes.length ?? 0)
      .catch(showError)
      .finally(() => setBusy(null));
  };

  const treeData = useMemo<TreeDataNode[]>(() => {
    if (!root.data) return [];
    const build = (u: Node): TreeDataNode => {
      const loaded = kids[u.code];
      const children = loaded?.codes.flatMap((c) => (nodes[c] ? [build(nodes[c])] : []));
      if (children && loaded && loaded.codes.length < loaded.total) {
        children.push({
          key: MORE + u.code,
          isLeaf: true,
          selectable: false,
          title: (
            <Button size="small" type="link" loading={busy === u.code} onClick={() => loadMore(u.code)}>
              {t.units.moreChildren(loaded.codes.length, loaded.total)}
            </Button>
          ),
        });
      }
      return { key: u.code, title: unitTitle(u), isLeaf: !u.hasChildren, children };
    };
    return [build({ ...root.data, hasChildren: root.data.childCount > 0 })];
    // loadMore only closes over state already listed here
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [root.data, nodes, kids, busy, t]);

  if (root.loading) return <PageSpin />;
  if (!root.data) return <Empty description={t.common.noData} />;

  return (
    <Tree
      blockNode
      showLine
      height={560}
      treeData={treeData}
      defaultExpandedKeys={[rootCode]}
      loadData={async (node) => {
        const code = String(node.key);
        if (code.startsWith(MORE) || kids[code]) return;
        try {
          await fetchPage(code, 0);
        } catch (err) {
          showError(err);
          throw err;
        }
      }}
      onSelect={(_keys, { node }) => {
        const code = String(node.key);
        if (!code.startsWith(MORE)) onOpen(code);
      }}
    />
  );
}
