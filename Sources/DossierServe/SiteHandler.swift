import DossierCore
import FlyingFox
import Foundation

/// Answers requests from the output folder, adds the live-reload script to HTML pages, and serves
/// the script and the build state. Paths are resolved inside the folder only.
struct SiteHandler: HTTPHandler {
    /// The output folder served.
    let root: URL
    /// The latest build's outcome.
    let state: BuildState

    /// Serves the live-reload script, the build state, or a file of the site.
    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        switch request.path {
        case LiveReload.scriptPath:
            return response(.ok, type: "text/javascript; charset=utf-8", body: Data(LiveReload.script.utf8))
        case LiveReload.statePath:
            return response(.ok, type: "text/plain; charset=utf-8", body: Data(await state.text.utf8))
        default:
            break
        }
        guard let relative = SiteHandler.relativePath(request.path) else {
            return await notFound()
        }
        var file = root.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
            file = file.appendingPathComponent("index.html")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else { return await notFound() }
        return await page(data, path: file.path, status: .ok)
    }

    /// The path inside the output folder for a request path, or nil when it would leave it.
    static func relativePath(_ requestPath: String) -> String? {
        let decoded = requestPath.removingPercentEncoding ?? requestPath
        var parts: [Substring] = []
        for part in decoded.split(separator: "/") {
            if part == "." { continue }
            if part == ".." || part.contains("\\") || part.contains("\0") { return nil }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    private func notFound() async -> HTTPResponse {
        let page = root.appendingPathComponent("404.html")
        if let data = FileManager.default.contents(atPath: page.path) {
            return await self.page(data, path: page.path, status: .notFound)
        }
        return await self.page(
            Data("<!DOCTYPE html><title>Not found</title><p>Not found.</p>".utf8), path: "404.html", status: .notFound)
    }

    /// A file's response; an HTML page gets the live-reload script, or, when the latest build
    /// failed and there is no site yet, a page listing the errors.
    private func page(_ data: Data, path: String, status: HTTPStatusCode) async -> HTTPResponse {
        let type = ContentType.of(path: path)
        guard type.hasPrefix("text/html") else { return response(status, type: type, body: data) }
        let html = LiveReload.inject(into: String(decoding: data, as: UTF8.self))
        return response(status, type: type, body: Data(html.utf8))
    }

    private func response(_ status: HTTPStatusCode, type: String, body: Data) -> HTTPResponse {
        HTTPResponse(
            statusCode: status, headers: [.contentType: type, HTTPHeader("Cache-Control"): "no-store"], body: body)
    }
}
