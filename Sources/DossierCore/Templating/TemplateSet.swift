import Foundation

/// A template with its layout chain resolved, ready to render.
struct CompiledTemplate: Sendable {
    /// The nodes to walk: the template's own, or those of the base layout at the end of its `extends` chain.
    var root: [TemplateNode]
    /// The most derived body of every block along the chain, which replaces the layout's body of that name.
    var blocks: [String: [TemplateNode]]
    /// A guess at the output size, so the buffer is reserved once.
    var sizeHint: Int
}

/// Every template of a site, parsed and checked once when loaded, then rendered any number of times.
///
/// Loading reports every problem it finds in every template; a template with an error (or whose layout has one)
/// cannot be rendered, while the others still can.
public struct TemplateSet: Sendable {
    /// The file extensions loaded as templates; everything else in the folder (CSS, images) is left alone.
    public static let templateExtensions: Set<String> = ["html", "xml", "json", "txt"]

    private let templates: [String: CompiledTemplate]
    /// Every template that exists, including those that failed to load, for `has` and suggestions.
    private let names: Set<String>
    private let folder: String
    /// A hash of every template's name and text: what a page renders to depends on it.
    public let fingerprint: String
    /// For each template that can be rendered, the parts of a context it can read (`TemplateUsage`).
    private let masks: [String: FieldMask]

    /// Loads and parses every `*.html`, `*.xml`, `*.json` and `*.txt` template under `directory`, recursively.
    ///
    /// Names are paths relative to `directory` with `/` separators ("base.html", "partials/nav.html");
    /// `displayPath` is how locations name the folder, so errors read `Templates/article.html:12:5: error: ...`.
    /// Hidden files and folders are skipped.
    public static func load(
        directory: URL, displayPath: String, filters: [TemplateFilter], diagnostics: inout Diagnostics
    ) -> TemplateSet {
        let files = FileManager.default
        var sources: [String: String] = [:]
        var unreadable: Set<String> = []
        guard let enumerator = files.enumerator(atPath: directory.path) else {
            diagnostics.error(
                "cannot read the templates folder", at: SourceLocation(path: displayPath, line: 1, column: 1))
            return TemplateSet(
                sources: [:], unreadable: [], folder: displayPath, filters: filters, diagnostics: &diagnostics)
        }
        while let relative = enumerator.nextObject() as? String {
            let components = relative.split(separator: "/")
            guard !components.contains(where: { $0.hasPrefix(".") }),
                let fileName = components.last, let dot = fileName.lastIndex(of: "."),
                templateExtensions.contains(String(fileName[fileName.index(after: dot)...]))
            else { continue }
            let path = directory.appendingPathComponent(relative).path
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let name = components.joined(separator: "/")
            let location = SourceLocation(path: Self.path(of: name, in: displayPath), line: 1, column: 1)
            if let data = files.contents(atPath: path), let text = String(validating: data, as: UTF8.self) {
                sources[name] = text
            } else {
                diagnostics.error("cannot read the template as UTF-8 text", at: location)
                unreadable.insert(name)
            }
        }
        return TemplateSet(
            sources: sources, unreadable: unreadable, folder: displayPath, filters: filters, diagnostics: &diagnostics)
    }

    /// Templates from memory, name → source, for tests; problems are reported as for files under `displayPath`.
    public init(
        sources: [String: String], displayPath: String = "Templates", filters: [TemplateFilter] = [],
        diagnostics: inout Diagnostics
    ) {
        self.init(sources: sources, unreadable: [], folder: displayPath, filters: filters, diagnostics: &diagnostics)
    }

    private init(
        sources: [String: String], unreadable: Set<String>, folder: String, filters: [TemplateFilter],
        diagnostics: inout Diagnostics
    ) {
        var table: [String: TemplateFilter] = [:]
        for filter in TemplateFilter.builtIns + filters { table[filter.name] = filter }
        let names = Set(sources.keys).union(unreadable)
        var parsed: [String: ParsedTemplate] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            let path = Self.path(of: name, in: folder)
            parsed[name] = TemplateParser.parse(source, path: path, filters: table, diagnostics: &diagnostics)
        }
        var broken: Set<String> = []
        for (name, template) in parsed.sorted(by: { $0.key < $1.key }) {
            for reference in [template.extends].compactMap({ $0 }) + template.includes
            where !names.contains(reference.name) {
                diagnostics.error(
                    "template '\(reference.name)' not found", at: reference.location,
                    notes: NearMatch.note(for: reference.name, among: names))
                broken.insert(name)
            }
        }
        var compiled: [String: CompiledTemplate] = [:]
        for name in parsed.keys.sorted() where !broken.contains(name) {
            guard let chain = Self.layoutChain(from: name, parsed: parsed, broken: broken, diagnostics: &diagnostics)
            else { continue }
            var blocks: [String: [TemplateNode]] = [:]
            for member in chain {
                for (block, body) in parsed[member]?.blocks ?? [:] where blocks[block] == nil { blocks[block] = body }
            }
            let sourceSize = chain.reduce(0) { $0 + (sources[$1]?.utf8.count ?? 0) }
            let root = parsed[chain[chain.count - 1]]?.nodes ?? []
            compiled[name] = CompiledTemplate(root: root, blocks: blocks, sizeHint: sourceSize * 2 + 1024)
        }
        self.templates = compiled
        let masks = FieldMask.Masks()
        self.masks = compiled.mapValues { TemplateUsage.mask(for: $0, in: compiled, masks: masks) }
        self.names = names
        self.folder = folder
        var hash = StableHash()
        for name in sources.keys.sorted() {
            hash.add(name)
            hash.add(sources[name]!)
        }
        self.fingerprint = hash.hex
    }

    /// The template and the layouts it extends, most derived first; nil if a layout is broken or in a cycle.
    ///
    /// A cycle is reported once, at the `extends` tag of its alphabetically first template.
    private static func layoutChain(
        from name: String, parsed: [String: ParsedTemplate], broken: Set<String>, diagnostics: inout Diagnostics
    ) -> [String]? {
        var chain = [name]
        var current = name
        while let parent = parsed[current]?.extends {
            if let start = chain.firstIndex(of: parent.name) {
                if start == 0, name == chain.min(), let tag = parsed[name]?.extends {
                    let cycle = (chain + [name]).joined(separator: " -> ")
                    diagnostics.error("templates extend each other in a cycle: \(cycle)", at: tag.location)
                }
                return nil
            }
            guard parsed[parent.name] != nil, !broken.contains(parent.name) else { return nil }
            chain.append(parent.name)
            current = parent.name
        }
        return chain
    }

    /// The parts of a context that the template `name` can read: two contexts that agree on them
    /// render alike. Everything for a template that cannot be rendered.
    public func fieldMask(for name: String) -> FieldMask {
        masks[name] ?? .whole
    }

    /// Whether a template of this name exists, even one that failed to load.
    public func has(_ name: String) -> Bool {
        names.contains(name)
    }

    /// The names of every template, sorted.
    public var templateNames: [String] {
        names.sorted()
    }

    /// Renders a template with `context` as its variables; errors come as a diagnostic located in the template.
    public func render(_ name: String, _ context: [String: TemplateValue]) throws(Diagnostic) -> String {
        String(decoding: try render(name, context, sink: nil), as: UTF8.self)
    }

    /// Renders the template called `name` like `render(_:_:)`, handing the page to `write` in
    /// pieces of about a megabyte, so a page of many megabytes is never held whole. After an
    /// error, the pieces handed over are incomplete.
    public func render(_ name: String, _ context: [String: TemplateValue], into write: (String) -> Void)
        throws(Diagnostic)
    {
        try render(name, context) { (bytes: UnsafeRawBufferPointer) in
            write(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Renders the template called `name` like `render(_:_:into:)`, handing over the UTF-8 bytes
    /// of each piece, which ends between two characters.
    public func render(
        _ name: String, _ context: [String: TemplateValue], into write: (UnsafeRawBufferPointer) -> Void
    ) throws(Diagnostic) {
        try withoutActuallyEscaping(write) { write throws(Diagnostic) in
            try render(name, context, sink: write).withUnsafeBytes { write($0) }
        }
    }

    /// Renders `name`, handing output to `sink` as it grows when there is one; returns what is
    /// left (everything without a sink).
    private func render(
        _ name: String, _ context: [String: TemplateValue], sink: ((UnsafeRawBufferPointer) -> Void)?
    ) throws(Diagnostic) -> [UInt8] {
        guard let template = templates[name] else {
            let location = SourceLocation(path: Self.path(of: name, in: folder), line: 1, column: 1)
            guard names.contains(name) else {
                let notes = NearMatch.note(for: name, among: names)
                throw Diagnostic(.error, "template '\(name)' not found", at: location, notes: notes)
            }
            throw Diagnostic(.error, "template '\(name)' has errors and cannot be rendered", at: location)
        }
        var renderer = TemplateRenderer(templates: templates, context: context, capacity: template.sizeHint, sink: sink)
        try renderer.render(template)
        return renderer.output
    }

    /// How diagnostics name a template: its name under the display folder.
    private static func path(of name: String, in folder: String) -> String {
        var folder = folder
        while folder.hasSuffix("/") { folder.removeLast() }
        return folder.isEmpty ? name : folder + "/" + name
    }
}
