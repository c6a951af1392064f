/// A file of the generated site, held in memory until the whole build has succeeded.
public struct OutputFile: Sendable {
    /// What the file holds.
    public enum Contents: Sendable {
        case text(String)
        case bytes([UInt8])
        /// Bytes made while they are written: the function hands its pieces, in order, to the
        /// function it is given. For files too big to hold whole in memory.
        case stream(@Sendable (_ write: (UnsafeRawBufferPointer) -> Void) -> Void)
    }
    /// The path inside the output folder, `/`-separated, e.g. `actors/vladimir-putin/index.html`.
    public var path: String
    /// The contents.
    public var contents: Contents

    /// Creates a text file.
    public init(path: String, text: String) {
        self.path = path
        self.contents = .text(text)
    }

    /// Creates a binary file.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.contents = .bytes(bytes)
    }

    /// Creates a file whose bytes `produce` hands over in pieces.
    public init(
        path: String, stream produce: @escaping @Sendable (_ write: (UnsafeRawBufferPointer) -> Void) -> Void
    ) {
        self.path = path
        self.contents = .stream(produce)
    }

    /// Whether `path` stays inside the output folder: relative, no empty, `.` or `..` component.
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.utf8.contains(0) else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }
}
