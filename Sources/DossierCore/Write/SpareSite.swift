import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The site a build replaced, kept beside the output as `.<output>.spare`, so the next build can
/// bring it up to date in place and swap it in, instead of making a folder and a hard link for
/// each of thousands of unchanged pages (on ext4, a new folder costs more than rendering a page).
///
/// The spare is never live, so changing it keeps the promise that a reader, or a build killed at
/// any moment, sees the old site or the new one. Its unchanged pages are hard links shared with
/// the live site, so nothing is ever written into an existing file: a file is replaced by
/// unlinking it and creating a new one.
public final class SpareSite: Sendable {
    /// What a spare holds, listed from the disk rather than trusted from its marker.
    struct Inventory: Sendable {
        /// Every regular file, by the UTF-8 bytes of its path relative to the spare (names that
        /// differ only in Unicode normalization are different files), with its page key from the
        /// spare's marker, or "" when the marker gives none (feeds, static files, anything else).
        var files: [[UInt8]: String] = [:]
        /// Every folder, by path, parents before their children.
        var folders: [String] = []
        /// False when the spare cannot be brought up to date safely: it has no marker, a name
        /// that is not UTF-8 (which could be neither kept track of nor removed by name), a folder
        /// this process cannot list or change, or something that could not be removed.
        var usable = true
    }

    /// The output folder the spare belongs to.
    let target: URL
    /// Where the spare now is: the build's staging folder.
    let path: String
    /// The spare's files, listed on a thread of their own while the build loads and renders.
    private let listing: BackgroundWork<Inventory>

    private init(target: URL, path: String) {
        self.target = target
        self.path = path
        listing = BackgroundWork { SpareSite.inventory(of: path) }
    }

    /// Moves the spare of `output`, if there is one, to this process's staging folder and starts
    /// listing it; nil when there is none.
    public static func claim(for output: URL) -> SpareSite? {
        let target = output.standardizedFileURL
        let staging = StagingFolder.path(for: target)
        SiteWriter.removeAbandoned(beside: target)
        if FileManager.default.fileExists(atPath: staging) { try? FileManager.default.removeItem(atPath: staging) }
        guard rename(sparePath(for: target), staging) == 0 else { return nil }
        // Something other than a folder (a symbolic link above all) is not a spare.
        var status = stat()
        guard lstat(staging, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            unlink(staging)
            return nil
        }
        return SpareSite(target: target, path: staging)
    }

    /// Where `target`'s spare is kept.
    static func sparePath(for target: URL) -> String {
        target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).spare").path
    }

    /// What the spare holds; waits for the listing.
    var inventory: Inventory { listing.value() }

    /// Puts an unchanged spare back for a later build (this one failed before writing anything).
    public func giveBack() {
        _ = listing.value()
        if rename(path, SpareSite.sparePath(for: target)) != 0 { SiteWriter.removeTree(URL(fileURLWithPath: path)) }
    }

    /// Lists every file under `root` and reads the page keys its marker gives them. Anything that
    /// is neither a regular file nor a folder is removed first: a write through a symbolic link
    /// planted in the spare could otherwise land outside the site.
    static func inventory(of root: String) -> Inventory {
        var inventory = Inventory()
        var folders = [""]
        while let folder = folders.popLast() {
            let absolute = folder.isEmpty ? root : root + "/" + folder
            // Files are replaced by unlinking them: each folder must be writable.
            guard access(absolute, W_OK | X_OK) == 0, let stream = opendir(absolute) else {
                inventory.usable = false
                return inventory
            }
            defer { closedir(stream) }
            if !folder.isEmpty { inventory.folders.append(folder) }
            while let entry = readdir(stream) {
                let decoded = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(validating: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard let name = decoded else {
                    inventory.usable = false
                    return inventory
                }
                if name == "." || name == ".." { continue }
                let relative = folder.isEmpty ? name : folder + "/" + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) {
                    var status = stat()
                    guard lstat(root + "/" + relative, &status) == 0 else {
                        inventory.usable = false
                        return inventory
                    }
                    let mode = status.st_mode & S_IFMT
                    type = mode == S_IFDIR ? UInt8(DT_DIR) : mode == S_IFREG ? UInt8(DT_REG) : UInt8(DT_LNK)
                }
                switch type {
                case UInt8(DT_DIR):
                    folders.append(relative)
                case UInt8(DT_REG):
                    inventory.files[Array(relative.utf8)] = ""
                default:
                    guard unlink(root + "/" + relative) == 0 else {
                        inventory.usable = false
                        return inventory
                    }
                }
            }
        }
        guard inventory.files[Array(SiteWriter.marker.utf8)] != nil,
            let marker = try? String(contentsOfFile: root + "/" + SiteWriter.marker, encoding: .utf8)
        else {
            inventory.usable = false
            return inventory
        }
        for (path, key) in PageCache.keys(inMarker: marker) where inventory.files[Array(path.utf8)] != nil {
            inventory.files[Array(path.utf8)] = key
        }
        return inventory
    }
}
