/// Builds the template context of one page: the values every page has plus its own.
///
/// Links in the context are already relative to the page, so templates print them as they are.
struct PageContext {
    /// The dossier the page shows.
    let dossier: ResolvedDossier
    /// The page's path in the output folder.
    let path: String
    /// The relative path from this page to the root.
    let root: String
    /// The records of actors, topics, articles and events, with links relative to `root`.
    let records: Records

    /// The context builder for the page at `path`; `records` must be made for the same root.
    init(dossier: ResolvedDossier, path: String, records: Records) {
        precondition(records.root == SitePaths.root(of: path), "records made for another root")
        self.dossier = dossier
        self.path = path
        self.root = records.root
        self.records = records
    }

    /// A site path made relative to this page.
    func url(_ sitePath: String) -> TemplateValue { .string(root + sitePath) }

    /// The context shared by all pages, with `page` and the page's own values merged in.
    func make(title: String, description: String?, section: String, values: [String: TemplateValue])
        -> [String: TemplateValue]
    {
        let site = dossier.site
        var context: [String: TemplateValue] = [
            "site": .record([
                "title": .string(site.title),
                "subtitle": optional(site.subtitle),
                "description": optional(site.description),
                "language": .string(site.language),
                "url": url(SitePaths.home),
            ]),
            "root": .string(root),
            "page": .record([
                "title": .string(title),
                "description": .string(description ?? site.description ?? site.title),
                "section": .string(section),
                "path": .string(path),
            ]),
            "nav": .list(navigation(current: section)),
            "stylesheet": url("style.css"),
        ]
        context.merge(values) { _, new in new }
        return context
    }

    private func navigation(current: String) -> [TemplateValue] {
        let items: [(String, String, String)] = [
            ("home", "Home", SitePaths.home), ("articles", "Articles", SitePaths.articles),
            ("actors", "Actors", SitePaths.actors), ("topics", "Topics", SitePaths.topics),
            ("timeline", "Timeline", SitePaths.timeline), ("search", "Search", SitePaths.search),
        ]
        return items.map { section, title, path in
            .record(["title": .string(title), "url": url(path), "current": .bool(section == current)])
        }
    }

    // MARK: Records shared by several pages

    /// An article as a list entry.
    func article(_ article: Article) -> TemplateValue { records.article(article.slug) }

    /// The list entry of the article `slug`, or nil when there is no such article (a draft left
    /// out). Looks the slug up, without copying the article.
    func article(slug: String) -> TemplateValue? {
        let record = records.article(slug)
        if case .null = record { return nil }
        return record
    }

    /// An actor as a link, with a count when one is given.
    func actor(_ slug: String, count: Int? = nil) -> TemplateValue { records.actor(slug, count: count) }

    /// A topic as a link, with a count when one is given.
    func topic(_ slug: String, count: Int? = nil) -> TemplateValue { records.topic(slug, count: count) }

    /// An event with its date at its precision, links to its actors, topics and sources.
    func event(_ index: Int) -> TemplateValue { records.event(index) }

    /// Text or null.
    func optional(_ text: String?) -> TemplateValue { Records.optional(text) }
}
