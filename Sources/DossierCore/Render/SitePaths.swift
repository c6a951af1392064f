/// Where each page of the site lives, relative to the output folder.
///
/// Every internal link names its file (`…/index.html`), never a folder, so the site works
/// opened straight from disk.
public enum SitePaths {
    /// The home page.
    public static let home = "index.html"
    /// The article directory.
    public static let articles = "articles/index.html"
    /// The actor directory.
    public static let actors = "actors/index.html"
    /// The topic directory.
    public static let topics = "topics/index.html"
    /// The timeline.
    public static let timeline = "timeline/index.html"
    /// The search page.
    public static let search = "search/index.html"
    /// The not-found page.
    public static let notFound = "404.html"

    /// An article's page.
    public static func article(_ slug: String) -> String { "articles/\(slug)/index.html" }
    /// An actor's page.
    public static func actor(_ slug: String) -> String { "actors/\(slug)/index.html" }
    /// A topic's page.
    public static func topic(_ slug: String) -> String { "topics/\(slug)/index.html" }
    /// An event on the timeline.
    public static func event(_ event: Event) -> String { "\(timeline)#\(event.anchor)" }

    /// The relative path from the page at `path` back to the site root (`""`, `"../../"`).
    public static func root(of path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }
}
