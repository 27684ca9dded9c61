import http from "node:http";

/**
 * One HTTP request over node:http, its whole answer read. The benches' load generators use it rather than
 * fetch: they share the machine's two cores with the server they measure, and fetch costs several times
 * the CPU per request (0.70–0.97 ms against ~0.1 ms in the 一表通 deadline peak, ADR 0015).
 */
export function httpRequest(options: http.RequestOptions, body?: string | Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}
