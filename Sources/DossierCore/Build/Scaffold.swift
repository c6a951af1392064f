import Foundation

/// The text of a new content file made by `dossier new`.
public struct Scaffold: Sendable {
    /// What to create.
    public enum Kind: String, Sendable, CaseIterable {
        case article, actor, topic
    }
    /// What to create.
    public var kind: Kind
    /// The title or name.
    public var title: String
    /// The file name without `.md`.
    public var slug: String
    /// Today's date, for a new article.
    public var today: String

    /// Creates a scaffold.
    public init(kind: Kind, title: String, slug: String, today: String) {
        self.kind = kind
        self.title = title
        self.slug = slug
        self.today = today
    }

    /// The section folder the file goes in.
    public var folder: String { kind.rawValue + "s" }

    /// The file's text: front matter with every key the kind accepts, and a body to replace.
    public var text: String {
        let quoted = Scaffold.quote(title)
        switch kind {
        case .article:
            return """
                ---
                title: \(quoted)
                date: \(today)
                publication:
                author:
                source_url:
                summary:
                topics: []
                actors: []
                draft: true
                ---

                Write the digest here in your own words. Mention actors as `[a name](actor:slug)` or
                `[[Name]]`, topics as `[a theme](topic:slug)`, and link passages to editor's notes
                with `[a passage](note:note-id)` and a `notes:` map in the front matter.

                """
        case .actor:
            return """
                ---
                name: \(quoted)
                aliases: []
                kind: person
                role:
                country:
                ---

                A short profile, built only from what the sources say.

                """
        case .topic:
            return """
                ---
                title: \(quoted)
                summary:
                ---

                What this theme covers and which articles treat it.

                """
        }
    }

    /// A double-quoted front matter scalar.
    static func quote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let digits = String(scalar.value, radix: 16, uppercase: true)
                    output += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    /// Today as `YYYY-MM-DD` in UTC.
    public static func today() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date())
    }
}
