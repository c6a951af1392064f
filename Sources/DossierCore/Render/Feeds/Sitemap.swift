/// `sitemap.xml`: every page's absolute address, written only when `base_url` is set.
enum Sitemap {
    /// The sitemap's XML for `pages` (paths in the output folder); the 404 page is left out.
    static func render(_ dossier: ResolvedDossier, pages: [String]) -> String {
        guard let baseURL = dossier.site.baseURL else { return "" }
        let base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages.sorted() where page != SitePaths.notFound {
            xml += "  <url><loc>\(Escape.xml(Escape.href(base + page)))</loc></url>\n"
        }
        xml += "</urlset>\n"
        return xml
    }
}
