import { BarChart, LineChart, TreemapChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, ToolboxComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import type { EChartsCoreOption } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([LineChart, BarChart, TreemapChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, ToolboxComponent, TooltipComponent, CanvasRenderer]);

type Props = {
  option: EChartsCoreOption;
  height?: number;
  /** The name of the PNG the toolbox saves. */
  fileName: string;
  saveLabel: string;
  onClick?: (params: { data?: unknown; name?: string }) => void;
  testId?: string;
};

/**
 * One ECharts instance in a div, driven by `option`; resized with its box, disposed on unmount. Every
 * chart carries the toolbox's "save as PNG".
 */
export function EChart({ option, height = 320, fileName, saveLabel, onClick, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: "canvas" });
    chart.current = instance;
    instance.on("click", (params) => click.current?.(params as { data?: unknown; name?: string }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        toolbox: { right: 8, top: 4, itemSize: 18, feature: { saveAsImage: { name: fileName, title: saveLabel, pixelRatio: 2, backgroundColor: "#fff" } } },
        ...option,
      },
      { notMerge: true },
    );
  }, [option, fileName, saveLabel]);

  return <div ref={box} style={{ width: "100%", height }} data-testid={testId} />;
}
