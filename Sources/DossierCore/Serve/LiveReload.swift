/// What the preview server adds to pages: a small script that reloads the page after a rebuild
/// and shows build errors over the page. It is added to responses only, never to built files.
public enum LiveReload {
    /// The path the script is served from.
    public static let scriptPath = "/__dossier/live-reload.js"
    /// The path that answers the current build state.
    public static let statePath = "/__dossier/state"

    /// The page with the script tag inserted before `</body>` (or appended).
    public static func inject(into html: String) -> String {
        let tag = "<script src=\"\(scriptPath)\"></script>\n"
        guard let range = html.range(of: "</body>", options: .backwards) else { return html + tag }
        var result = html
        result.insert(contentsOf: tag, at: range.lowerBound)
        return result
    }

    /// The build state as plain text: the build number on the first line, then the errors, if any.
    public static func state(build: Int, problems: [String]) -> String {
        ([String(build)] + problems).joined(separator: "\n")
    }

    /// The script: it polls the state once a second, reloads when the build number changes, and
    /// shows the errors of a failed build in a panel over the page.
    public static let script = """
        (function () {
          var current = null;
          function show(problems) {
            var panel = document.getElementById("dossier-build-errors");
            if (!problems.length) { if (panel) panel.remove(); return; }
            if (!panel) {
              panel = document.createElement("pre");
              panel.id = "dossier-build-errors";
              panel.setAttribute("role", "alert");
              panel.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;" +
                "padding:1em;background:#3b0d0d;color:#fff;font:14px/1.4 monospace;z-index:9999;white-space:pre-wrap";
              document.body.appendChild(panel);
            }
            panel.textContent = "dossier: the last build failed\\n\\n" + problems.join("\\n");
          }
          function poll() {
            fetch("\(statePath)", { cache: "no-store" }).then(function (response) { return response.text(); })
              .then(function (text) {
                var lines = text.split("\\n");
                if (current !== null && lines[0] !== current && lines.length === 1) { location.reload(); return; }
                current = lines[0];
                show(lines.slice(1));
              })
              .catch(function () {})
              .then(function () { setTimeout(poll, 1000); });
          }
          poll();
        })();
        """
}
