/// A collector of diagnostics that a stage reports into and keeps going.
///
/// It is a value: parallel stages each fill their own and the build merges them in a fixed order,
/// so the report is deterministic.
public struct Diagnostics: Sendable, Hashable {
    /// Everything reported so far, in the order it was reported.
    public private(set) var all: [Diagnostic] = []

    /// Creates an empty collector.
    public init() {}

    /// Reports an error.
    public mutating func error(_ message: String, at location: SourceLocation, notes: [String] = []) {
        all.append(Diagnostic(.error, message, at: location, notes: notes))
    }

    /// Reports a warning.
    public mutating func warning(_ message: String, at location: SourceLocation, notes: [String] = []) {
        all.append(Diagnostic(.warning, message, at: location, notes: notes))
    }

    /// Reports a diagnostic made elsewhere.
    public mutating func report(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    /// Takes over everything another collector holds.
    public mutating func merge(_ other: Diagnostics) {
        all.append(contentsOf: other.all)
    }

    /// Whether any error was reported.
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// The errors only.
    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }

    /// The warnings only.
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }

    /// Every diagnostic sorted by location (then message), for a stable report.
    public var sorted: [Diagnostic] {
        all.sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }
}

/// Suggestions of known names close to a misspelt one, for "did you mean" notes.
public enum NearMatch {
    /// Up to `limit` candidates within a small edit distance of `name`, closest first.
    public static func suggestions(for name: String, among candidates: some Sequence<String>, limit: Int = 3)
        -> [String]
    {
        // Long names get no suggestion: nobody misspells a 64-character slug, and the distance
        // costs the product of the lengths.
        guard name.count <= 64 else { return [] }
        let target = Array(name.lowercased())
        let threshold = max(2, target.count / 3)
        var scored: [(Int, String)] = []
        for candidate in candidates where abs(candidate.count - target.count) <= threshold && candidate.count <= 64 {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if distance <= threshold { scored.append((distance, candidate)) }
        }
        return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(limit).map(\.1)
    }

    /// A "did you mean" note for the best suggestions, or none.
    public static func note(for name: String, among candidates: some Sequence<String>) -> [String] {
        let found = suggestions(for: name, among: candidates)
        guard !found.isEmpty else { return [] }
        return ["did you mean " + found.map { "'\($0)'" }.joined(separator: " or ") + "?"]
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
