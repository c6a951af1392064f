import Foundation

/// Notices changes under a set of folders by comparing snapshots of every file's path, size and
/// modification time. Polling works the same on every file system and needs no extra library;
/// a dossier's few thousand files are listed in milliseconds.
public struct FolderWatcher: Sendable {
    /// One file's identity for change detection.
    struct Stamp: Hashable, Sendable {
        var size: Int
        var modified: TimeInterval
    }

    /// The folders watched.
    public let folders: [URL]
    private var snapshot: [String: Stamp]

    /// Starts watching `folders` from their current state.
    public init(folders: [URL]) {
        self.folders = folders
        self.snapshot = FolderWatcher.scan(folders)
    }

    /// Whether anything was added, removed or changed since the last call (or since `init`).
    public mutating func hasChanged() -> Bool {
        let now = FolderWatcher.scan(folders)
        defer { snapshot = now }
        return now != snapshot
    }

    /// Every regular, non-hidden file under `folders` with its stamp.
    static func scan(_ folders: [URL]) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey, .isRegularFileKey]
        for folder in folders {
            guard
                let enumerator = FileManager.default.enumerator(
                    at: folder, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
            else { continue }
            for case let url as URL in enumerator {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else {
                    continue
                }
                stamps[url.path] = Stamp(
                    size: values.fileSize ?? 0, modified: values.contentModificationDate?.timeIntervalSince1970 ?? 0)
            }
        }
        return stamps
    }
}
