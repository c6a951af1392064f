/// How serious a diagnostic is: errors fail the build, warnings do not.
public enum Severity: String, Sendable, Hashable {
    /// The build fails.
    case error
    /// The build goes on.
    case warning
}

/// A problem found in the user's input, reported compiler-style.
///
/// Diagnostics are data: stages collect them and keep going, so one run reports every problem.
/// A bug in the tool itself is never a diagnostic; it is a `preconditionFailure`.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// Whether this fails the build.
    public var severity: Severity
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong, in one sentence without a trailing period.
    public var message: String
    /// Further hints, such as "did you mean `alexander-lukashenko`?".
    public var notes: [String]

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: String, at location: SourceLocation, notes: [String] = []) {
        self.severity = severity
        self.location = location
        self.message = message
        self.notes = notes
    }

    /// `path:line:column: error: message`, then one `note:` line per note.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        for note in notes {
            text += "\n\(location): note: \(note)"
        }
        return text
    }
}
