/// A Markdown body with where it sits in its file, so cmark's positions map back to the file.
public struct MarkdownSource: Sendable, Hashable {
    /// The file, relative to the site folder.
    public var path: String
    /// The Markdown text.
    public var text: String
    /// Lines in the file before the text's first line.
    public var lineOffset: Int
    /// Bytes before the text on its first line (for a note written on its key's line).
    public var columnOffset: Int
    /// Bytes of indentation removed from every line (for a note written as an indented block).
    public var indent: Int

    /// Creates a body located in its file.
    public init(path: String, text: String, lineOffset: Int, columnOffset: Int = 0, indent: Int = 0) {
        self.path = path
        self.text = text
        self.lineOffset = lineOffset
        self.columnOffset = columnOffset
        self.indent = indent
    }
}

/// A reference to another entity by slug, where it was written.
public struct SlugReference: Sendable, Hashable {
    /// The slug as written.
    public var slug: String
    /// Where it was written.
    public var location: SourceLocation
}

/// The site settings and home page introduction from `Content/index.md`.
public struct SiteSettings: Sendable {
    /// The dossier's title.
    public var title: String
    /// A line under the title.
    public var subtitle: String?
    /// One sentence for meta descriptions and the feed.
    public var description: String?
    /// The absolute URL of the published site, for the feed and sitemap.
    public var baseURL: String?
    /// The language code for `lang`, `en` unless set.
    public var language: String
    /// The home page introduction.
    public var body: MarkdownSource
}

/// One person, organisation, state or outlet.
public struct Actor: Sendable {
    /// What an actor is.
    public enum Kind: String, Sendable, CaseIterable {
        case person, organisation, state, outlet
    }
    /// The file name without `.md`.
    public var slug: String
    /// The display name.
    public var name: String
    /// Other names and spellings.
    public var aliases: [String]
    /// What it is, when given.
    public var kind: Kind?
    /// Its role, in a few words.
    public var role: String?
    /// Its country.
    public var country: String?
    /// The profile.
    public var body: MarkdownSource
}

/// One theme of the dossier.
public struct Topic: Sendable {
    /// The file name without `.md`.
    public var slug: String
    /// The display title.
    public var title: String
    /// One or two sentences.
    public var summary: String?
    /// The longer description.
    public var body: MarkdownSource
}

/// An editor's note on a passage of an article.
public struct Note: Sendable {
    /// The note id, a slug.
    public var id: String
    /// The note text as Markdown, located in the front matter.
    public var source: MarkdownSource
    /// Where the note's key is.
    public var location: SourceLocation
}

/// An event as one article reports it.
public struct EventReport: Sendable {
    /// The shared id, when the editor gave one.
    public var id: String?
    /// When it happened, at the precision the source gives.
    public var date: PartialDate
    /// What happened.
    public var title: String
    /// Actors taking part.
    public var actors: [SlugReference]
    /// Topics it concerns.
    public var topics: [SlugReference]
    /// Where it happened.
    public var place: String?
    /// Where the report is in the article's front matter.
    public var location: SourceLocation
}

/// One source article.
public struct Article: Sendable {
    /// The file name without `.md`.
    public var slug: String
    /// The original title.
    public var title: String
    /// The publication date.
    public var date: PartialDate
    /// The outlet that published it.
    public var publication: String?
    /// Its author.
    public var author: String?
    /// The original's address (http or https).
    public var sourceURL: String?
    /// A short summary in the editor's words.
    public var summary: String?
    /// Topics it concerns, besides those annotated in the text.
    public var topics: [SlugReference]
    /// Actors it concerns, besides those annotated in the text.
    public var actors: [SlugReference]
    /// Drafts are built only on request.
    public var draft: Bool
    /// Events it reports.
    public var events: [EventReport]
    /// The editor's notes, in front matter order.
    public var notes: [Note]
    /// The digest.
    public var body: MarkdownSource
}

/// Everything in `Content/`, parsed and checked on its own, before cross references are resolved.
public struct Dossier: Sendable {
    /// Settings and home page.
    public var site: SiteSettings
    /// Articles sorted by slug.
    public var articles: [Article]
    /// Actors sorted by slug.
    public var actors: [Actor]
    /// Topics sorted by slug.
    public var topics: [Topic]
    /// Files whose front matter was too broken to use, as `section/slug` (e.g. `actors/russia`):
    /// references to them are not reported again, since the file's own error says it all.
    public var unparsed: Set<String> = []
}
