/// `feed.xml`: an Atom feed of the newest articles.
///
/// Atom requires absolute IRIs for ids and links; with no `base_url` the feed uses `tag:` ids and
/// relative links, which feed readers resolve against the feed's own address.
enum AtomFeed {
    /// How many articles the feed carries.
    static let limit = 20

    /// The feed's XML.
    static func render(_ dossier: ResolvedDossier) -> String {
        let site = dossier.site
        let base = site.baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        let updated = dossier.articles.map(\.date).max().map(timestamp) ?? "1970-01-01T00:00:00Z"
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        xml += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(Escape.xml(site.language))\">\n"
        xml += "  <title>\(Escape.xml(site.title))</title>\n"
        if let subtitle = site.subtitle ?? site.description {
            xml += "  <subtitle>\(Escape.xml(subtitle))</subtitle>\n"
        }
        xml +=
            "  <id>\(Escape.xml(base.map { $0 + "feed.xml" } ?? "tag:dossier,2024:\(Slug.make(from: site.title))"))</id>\n"
        xml += "  <link rel=\"self\" href=\"\(Escape.xml((base ?? "") + "feed.xml"))\"/>\n"
        xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(Escape.xml((base ?? "") + SitePaths.home))\"/>\n"
        xml += "  <updated>\(updated)</updated>\n"
        xml += "  <generator>dossier</generator>\n"
        for article in dossier.articles.prefix(limit) {
            let link = (base ?? "") + SitePaths.article(article.slug)
            let id = base.map { _ in link } ?? "tag:dossier,2024:articles/\(article.slug)"
            xml += "  <entry>\n"
            xml += "    <title>\(Escape.xml(article.title))</title>\n"
            xml += "    <id>\(Escape.xml(id))</id>\n"
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(Escape.xml(link))\"/>\n"
            xml += "    <updated>\(timestamp(article.date))</updated>\n"
            xml +=
                "    <author><name>\(Escape.xml(article.author ?? article.publication ?? site.title))</name></author>\n"
            if let summary = article.summary ?? dossier.articleBodies[article.slug]?.firstParagraph {
                xml += "    <summary>\(Escape.xml(summary))</summary>\n"
            }
            xml += "  </entry>\n"
        }
        xml += "</feed>\n"
        return xml
    }

    private static func timestamp(_ date: PartialDate) -> String { date.firstDay + "T00:00:00Z" }
}
