import Foundation
import Testing

@testable import DossierCore

/// The body cache never serves a stale body: a body is taken from it only when its Markdown,
/// its notes and every name and slug it resolved are unchanged, and the site it helps build is
/// byte-identical to one built from scratch.
@Suite("Body cache")
struct BodyCacheTests {
    /// Bodies in `Fixtures.relations`: articles, actors, topics and the home page.
    static let bodyCount = Fixtures.relations.count

    /// The cache file's inode: unchanged when a rebuild appended to it, new when it was replaced.
    func cacheInode(_ site: TestSite) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: site.bodyCache.path)
        return (attributes[.systemFileNumber] as? Int) ?? -1
    }

    @Test("an unchanged rebuild takes every body from the cache")
    func unchanged() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        #expect(site.build().reusedBodyCount == 0)
        #expect(FileManager.default.fileExists(atPath: site.bodyCache.path))
        let report = try site.buildMatchingFresh()
        #expect(report.reusedBodyCount == Self.bodyCount)
    }

    @Test("a changed article is rendered again; the others come from the cache")
    func changedArticle() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        site.build()
        try site.edit("articles/second-report.md", replacing: "Then he left.", with: "He left.")
        let report = try site.buildMatchingFresh()
        #expect(report.reusedBodyCount == Self.bodyCount - 1)
        #expect(site.output("articles/second-report/index.html")?.contains("He left.") == true)
        // The cache now holds the new body: a third build renders nothing.
        #expect(site.build().reusedBodyCount == Self.bodyCount)
    }

    @Test(
        "rebuilds that render a few bodies append them to the cache file, which is rewritten once mostly dead; every body is still served"
    )
    func appendsToCacheFile() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        site.build()
        var (appended, rewritten) = (0, 0)
        var previous = "Then he left."
        for round in 1...40 {
            let before = try cacheInode(site)
            let text = "He left, round \(round)."
            try site.edit("articles/second-report.md", replacing: previous, with: text)
            previous = text
            let report = try site.buildMatchingFresh()
            #expect(report.reusedBodyCount == Self.bodyCount - 1)
            #expect(site.output("articles/second-report/index.html")?.contains(text) == true)
            if try cacheInode(site) == before { appended += 1 } else { rewritten += 1 }
        }
        #expect(appended > 0, "no rebuild appended to the cache file")
        #expect(rewritten > 0, "the cache file was never rewritten, however many dead entries it held")
        // Every body of the last build, old, appended or copied, is found again.
        #expect(site.build().reusedBodyCount == Self.bodyCount)
    }

    @Test("a rebuild that renders many bodies anew writes a new cache file instead of growing the old one")
    func manyChangesRewrite() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        site.build()
        let before = try cacheInode(site)
        let changed = [
            "articles/first-report.md", "articles/second-report.md", "actors/vladimir-putin.md",
            "actors/alexander-lukashenko.md", "actors/russia.md",
        ]
        for path in changed { try site.write(path, Fixtures.relations[path]! + "\nOne more sentence.\n") }
        let report = try site.buildMatchingFresh()
        #expect(report.reusedBodyCount == Self.bodyCount - changed.count)
        #expect(try cacheInode(site) != before, "five of eight bodies new, yet the cache file was appended to")
        #expect(site.build().reusedBodyCount == Self.bodyCount)
    }

    @Test("the good bodies of a failed build are kept: the build after the fix renders only what changed")
    func failedBuildKeepsBodies() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        try site.edit("articles/second-report.md", replacing: "Then he left.", with: "Then [[Nobody]] left.")
        let failed = site.build()
        #expect(failed.diagnostics.hasErrors)
        #expect(site.output("index.html") == nil)
        #expect(FileManager.default.fileExists(atPath: site.bodyCache.path))
        // Unfixed, the body with the error is rendered again and reported again, as by a build
        // from scratch: it was not kept.
        #expect(texts(try site.buildMatchingFresh().diagnostics) == texts(failed.diagnostics))
        try site.edit("articles/second-report.md", replacing: "Then [[Nobody]] left.", with: "Then he left.")
        let report = try site.buildMatchingFresh()
        #expect(!report.diagnostics.hasErrors)
        // Only the body that had the error is rendered now.
        #expect(report.reusedBodyCount == Self.bodyCount - 1)
    }

    @Test("a failed build that saw only part of the content leaves the cache whole")
    func failedBuildNeverShrinksCache() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        site.build()
        // A failed build missing an article, with one body new and one with an error, keeps fewer
        // bodies than the cache holds: the cache stays as it was.
        let article = site.root.appendingPathComponent("Content/articles/first-report.md")
        let text = try Data(contentsOf: article)
        try FileManager.default.removeItem(at: article)
        try site.edit("actors/vladimir-putin.md", replacing: "President of [[Russia]].", with: "Head of [[Russia]].")
        try site.edit("articles/second-report.md", replacing: "Then he left.", with: "Then [[Nobody]] left.")
        #expect(site.build().diagnostics.hasErrors)
        try text.write(to: article)
        try site.edit("actors/vladimir-putin.md", replacing: "Head of [[Russia]].", with: "President of [[Russia]].")
        try site.edit("articles/second-report.md", replacing: "Then [[Nobody]] left.", with: "Then he left.")
        #expect(try site.buildMatchingFresh().reusedBodyCount == Self.bodyCount)
    }

    @Test("a changed note renders its article again")
    func changedNote() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        site.build()
        try site.edit("articles/first-report.md", replacing: "The figure is disputed", with: "The figure is contested")
        let report = try site.buildMatchingFresh()
        #expect(report.reusedBodyCount == Self.bodyCount - 1)
        #expect(site.output("articles/first-report/index.html")?.contains("The figure is contested") == true)
    }

    @Test("an alias that no longer names its actor is reported, not served from the cache")
    func removedAlias() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        site.build()
        try site.edit("actors/vladimir-putin.md", replacing: "aliases: [Putin]", with: "aliases: []")
        let report = try site.buildMatchingFresh()
        #expect(report.diagnostics.hasErrors)
        #expect(texts(report.diagnostics).contains { $0.contains("'[[Putin]]' names no actor or topic") })
    }

    @Test("a name that becomes ambiguous is reported, not served from the cache")
    func ambiguousName() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        site.build()
        try site.write("topics/putin.md", "---\ntitle: Putin\n---\n\nA topic with an actor's name.\n")
        let report = try site.buildMatchingFresh()
        #expect(texts(report.diagnostics).contains { $0.contains("'[[Putin]]' is ambiguous") })
    }

    @Test("a removed topic that a body links to is reported, not served from the cache")
    func removedTopic() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        site.build()
        try FileManager.default.removeItem(
            at: site.root.appendingPathComponent("Content/topics/border-controls.md"))
        let report = try site.buildMatchingFresh()
        #expect(texts(report.diagnostics).contains { $0.contains("unknown topic 'border-controls'") })
    }

    @Test("a damaged cache file only means bodies are rendered again", arguments: ["truncated", "garbage", "empty"])
    func damagedFile(damage: String) throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        site.build()
        var bytes = try Data(contentsOf: site.bodyCache)
        switch damage {
        case "truncated": bytes = bytes.prefix(bytes.count / 2)
        case "garbage":
            for index in stride(from: 20, to: bytes.count - 40, by: 7) { bytes[index] ^= 0x5A }
        default: bytes = Data()
        }
        try bytes.write(to: site.bodyCache)
        let report = try site.buildMatchingFresh()
        #expect(texts(report.diagnostics) == [])
        #expect(site.build().reusedBodyCount == Self.bodyCount, "the damaged file was not replaced")
    }

    @Test("an entry with any field set to its largest value decodes or is refused, never traps")
    func hostileEntries() throws {
        let (body, problems) = renderArticleBody(
            "[[Putin]] met [[Lukashenka]]. [The figure](note:doubt) was [[Russia|disputed]].\n\n## A heading\n",
            notes: "notes:\n  doubt: Said by [[Putin]].\n")
        #expect(problems == [])
        let key = BodyCache.Key(first: 1, second: 2)
        let bytes = BodyCache.encode(key, body, [.name("Putin", .actor("vladimir-putin")), .topic("border-controls")])
        let (decoded, dependencies) = try BodyCache.decode(bytes, key: key)
        #expect(decoded.html == body.html && decoded.mentions == body.mentions && decoded.anchors == body.anchors)
        #expect(dependencies.count == 2)
        #expect(throws: ByteReader.Failure.self) { try BodyCache.decode(bytes, key: .init(first: 1, second: 3)) }
        for position in 0..<(bytes.count - 3) {
            var damaged = bytes
            for offset in 0..<4 { damaged[position + offset] = 0xFF }
            _ = try? BodyCache.decode(damaged, key: key)
        }
        for length in stride(from: 0, to: bytes.count, by: 3) {
            #expect(throws: ByteReader.Failure.self) { try BodyCache.decode(Array(bytes.prefix(length)), key: key) }
        }
    }
}
