/// The template filters the dossier adds to the engine's built-ins.
public enum DossierFilters {
    /// `date` and `url`.
    public static let all: [TemplateFilter] = [date, url]

    /// `{{ "2023-05" | date }}` → "May 2023": a `YYYY[-MM[-DD]]` text at its own precision;
    /// `{{ d | date("iso") }}` keeps the ISO form.
    public static let date = TemplateFilter("date", arguments: 0...1) { value, arguments throws(TemplateFilterError) in
        guard case .string(let text) = value, let date = PartialDate(text) else {
            throw TemplateFilterError("'date' expects a date such as \"2017-01-09\", \"2023-05\" or \"1995\"")
        }
        if case .string("iso")? = arguments.first { return .string(date.description) }
        return .string(date.readable)
    }

    /// `{{ "articles/index.html" | url(root) }}`: a path from the site root made relative to the
    /// current page by prefixing `root`, which every page's context carries.
    public static let url = TemplateFilter("url", arguments: 1...1) { value, arguments throws(TemplateFilterError) in
        guard case .string(let path) = value, case .string(let root)? = arguments.first else {
            throw TemplateFilterError("'url' expects a site path and the page's root, as in \"style.css\" | url(root)")
        }
        guard OutputFile.isSafe(path.split(separator: "#", maxSplits: 1).first.map(String.init) ?? path) else {
            throw TemplateFilterError(
                "'url' expects a relative site path such as \"articles/index.html\", not '\(path)'")
        }
        return .string(root + path)
    }
}
