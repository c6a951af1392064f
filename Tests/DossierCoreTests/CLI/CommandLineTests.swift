import Foundation
import Testing

/// Runs the built `dossier` executable as a user would and checks exit status and output.
@Suite("The dossier command")
struct CommandLineTests {
    /// The executable, built beside the test bundle by `swift build --build-tests`.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("dossier")

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static func run(_ arguments: [String], in directory: URL) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // The body cache goes in the test's folder, which the test removes, not in ~/.cache.
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["DOSSIER_CACHE_DIR": directory.appendingPathComponent("cache").path], uniquingKeysWith: { _, new in new })
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
            errors: String(decoding: err, as: UTF8.self))
    }

    @Test("the body cache lives in DOSSIER_CACHE_DIR, one file per content folder, whatever the output")
    func bodyCacheFolder() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        #expect(try Self.run(["build"], in: site.root).status == 0)
        #expect(try Self.run(["build", "--output", "Other"], in: site.root).status == 0)
        #expect(try Self.run(["check"], in: site.root).status == 0)
        try FileManager.default.copyItem(
            at: site.root.appendingPathComponent("Content"), to: site.root.appendingPathComponent("Second"))
        #expect(try Self.run(["build", "--content", "Second", "--output", "Third"], in: site.root).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent("cache").path)
        #expect(files.count == 2 && files.allSatisfy { $0.hasPrefix("bodies-") && $0.hasSuffix(".bin") }, "\(files)")
        let first = try #require(site.output("index.html"))
        #expect(try Self.run(["build"], in: site.root).status == 0)
        #expect(site.output("index.html") == first)
    }

    @Test("the executable was built")
    func executableExists() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.executable.path))
    }

    @Test("build succeeds with exit 0; check verifies links without touching Public/")
    func buildAndCheck() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let build = try Self.run(["build"], in: site.root)
        #expect(build.status == 0)
        #expect(build.output.hasPrefix("built "))
        let before = site.snapshot()
        try site.write("articles/second-report.md", "---\ntitle: Changed\ndate: 2024\n---\nNew text.\n")
        let check = try Self.run(["check"], in: site.root)
        #expect(check.status == 0)
        #expect(check.output.contains("no problems"))
        #expect(site.snapshot() == before)
        // Problems in generated pages are named as if in Public/, never after the scratch folder.
        let template = site.root.appendingPathComponent("Templates/topics.html")
        try Data("{% extends \"base.html\" %}{% block content %}<a href=\"nowhere.html\">x</a>{% endblock %}".utf8)
            .write(to: template)
        let broken = try Self.run(["check"], in: site.root)
        #expect(broken.status == 1)
        #expect(broken.errors.hasPrefix("Public/topics/index.html:"), "\(broken.errors)")
        #expect(broken.errors.contains("broken link 'nowhere.html': no such file"))
        #expect(site.snapshot() == before)
    }

    @Test("a rebuild keeps the replaced site as the spare; one it cannot use is deleted in the background")
    func oldSiteKeptOrRemovedInBackground() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        func hidden() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }.sorted()
        }
        #expect(try Self.run(["build"], in: site.root).status == 0)
        #expect(try hidden() == [".Public.lock"])
        try site.write("articles/second-report.md", "---\ntitle: Changed\ndate: 2024\n---\nNew text.\n")
        #expect(try Self.run(["build"], in: site.root).status == 0)
        #expect(site.output("articles/second-report/index.html")?.contains("Changed") == true)
        #expect(try hidden() == [".Public.lock", ".Public.spare"])
        // A spare without its marker is not the site it claims to be: it is deleted, and the
        // background process finishes on its own; the site just replaced is the new spare.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".Public.spare/.dossier-output"))
        try site.write("articles/second-report.md", "---\ntitle: Changed again\ndate: 2024\n---\nNew text.\n")
        #expect(try Self.run(["build"], in: site.root).status == 0)
        #expect(site.output("articles/second-report/index.html")?.contains("Changed again") == true)
        var left: [String] = []
        for _ in 0..<100 {
            left = try hidden()
            if left == [".Public.lock", ".Public.spare"] { break }
            usleep(50_000)
        }
        #expect(left == [".Public.lock", ".Public.spare"])
        #expect(
            FileManager.default.fileExists(
                atPath: site.root.appendingPathComponent(".Public.spare/.dossier-output").path))
    }

    @Test("content errors print compiler-style on stderr, all of them, and exit 1")
    func contentErrors() throws {
        var files = Fixtures.relations
        files["articles/bad.md"] = "---\ntitle: Bad\ndate: soon\n---\n"
        files["topics/bad-topic.md"] = "---\nsummary: no title\n---\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let run = try Self.run(["build"], in: site.root)
        #expect(run.status == 1)
        #expect(
            run.errors == """
                Content/articles/bad.md:3:7: error: 'date' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not 'soon'
                Content/topics/bad-topic.md:2:1: error: missing required key 'title'
                2 errors, 0 warnings

                """)
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Public").path))
    }

    @Test(
        "usage errors exit 2",
        arguments: [["frobnicate"], ["build", "--base-url", "ftp://x"], ["new", "chapter", "X"]])
    func usageErrors(arguments: [String]) throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        #expect(try Self.run(arguments, in: site.root).status == 2)
    }

    @Test("new scaffolds a file that builds, and never overwrites")
    func newFile() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let first = try Self.run(["new", "actor", "Sviatlana Tsikhanouskaya"], in: site.root)
        #expect(first.status == 0)
        #expect(first.output == "created Content/actors/sviatlana-tsikhanouskaya.md\n")
        let text = try String(
            contentsOf: site.root.appendingPathComponent("Content/actors/sviatlana-tsikhanouskaya.md"), encoding: .utf8)
        #expect(text.hasPrefix("---\nname: \"Sviatlana Tsikhanouskaya\"\n"))
        let again = try Self.run(["new", "actor", "Sviatlana Tsikhanouskaya"], in: site.root)
        #expect(again.status == 1)
        #expect(again.errors.contains("file exists; not overwriting it"))
        #expect(try Self.run(["new", "article", "A \"quoted\" title"], in: site.root).status == 0)
        #expect(try Self.run(["new", "topic", "Energy: gas"], in: site.root).status == 0)
        let build = try Self.run(["build", "--drafts"], in: site.root)
        #expect(build.status == 0, "\(build.errors)")
        #expect(site.output("articles/a-quoted-title/index.html")?.contains("A &quot;quoted&quot; title") == true)
    }
}
