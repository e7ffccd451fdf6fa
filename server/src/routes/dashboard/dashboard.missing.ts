export const BUILD_COMMAND = 'pnpm --filter @rapport/server build:dashboard';

/** What `/` answers when the dashboard was never built: plain HTML saying how to build it. */
export const MISSING_DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Rapport: dashboard not built</title></head>
<body>
<h1>The Rapport dashboard has not been built yet</h1>
<p>The API is running at <a href="/api/v1/docs">/api/v1/docs</a>. To serve the team dashboard here, build it once
from the repository root and reload this page:</p>
<pre><code>${BUILD_COMMAND}</code></pre>
<p>(<code>npm start</code> builds it for you.)</p>
</body>
</html>
`;
