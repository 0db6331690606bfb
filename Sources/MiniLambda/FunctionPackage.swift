import Foundation
import Synchronization

/// A function ready to run: its settings, the folder holding its code, and which version of
/// the function they are (`$LATEST` or a published number), which the environment reports in
/// `START … Version:`, its log stream and `AWS_LAMBDA_FUNCTION_VERSION`.
package struct FunctionPackage: Sendable {
    package var configuration: FunctionConfiguration
    package var codeDirectory: URL
    package var version: String
    /// How its environments start: on demand, or ahead of time for provisioned concurrency.
    /// Part of the fingerprint, so provisioned environments serve only provisioned invocations.
    package var initializationType: InitializationType
    /// The content folders of the configuration's layers, in its order: an environment shows
    /// them merged, read-only, at /opt. Layer versions never change, so the ARNs in the
    /// configuration stand for them in the fingerprint.
    package var layerDirectories: [URL]

    package init(configuration: FunctionConfiguration, codeDirectory: URL, version: String = FunctionVersion.latest,
                initializationType: InitializationType = .onDemand, layerDirectories: [URL] = []) {
        self.layerDirectories = layerDirectories
        self.configuration = configuration
        self.codeDirectory = codeDirectory
        self.version = version
        self.initializationType = initializationType
    }

    /// Which environments of the function are this package's kind: the same version started
    /// the same way. An update retires only its own lineage's idle environments (a published
    /// version's and the provisioned ones stay when `$LATEST` changes).
    var lineage: String { "\(version)|\(initializationType.rawValue)" }

    /// The lineage part of a fingerprint.
    static func lineage(ofFingerprint fingerprint: String) -> Substring {
        fingerprint.lastIndex(of: "|").map { fingerprint[..<$0] } ?? Substring(fingerprint)
    }

    var identity: LambdaVariables.Identity { LambdaVariables.Identity(version: version, initializationType: initializationType) }

    /// Changes whenever the settings or any code file change, so warm environments started
    /// with older code are retired (AWS starts new environments after an update). Cheap enough
    /// to run on every invoke: one `lstat` per entry and one `stat` of the folder, straight from
    /// POSIX (Foundation's enumerator costs a third of a millisecond here), with each folder's
    /// listing reused while the folder is unchanged (``FolderListings``).
    package func fingerprint() -> String {
        var hasher = Hasher()
        hasher.combine(configuration)
        hasher.combine(version)
        hasher.combine(initializationType)
        var count = 0
        let root = codeDirectory.path
        // The folder itself through a link, as `opendir` would open it.
        var rootInfo = stat()
        if stat(root, &rootInfo) == 0, rootInfo.st_mode & S_IFMT == S_IFDIR {
            Self.walk(root, info: rootInfo, depth: 0, count: &count) { path, info in
                hasher.combine(path)
                hasher.combine(info.st_size)
                hasher.combine(info.st_mtim.tv_sec)
                hasher.combine(info.st_mtim.tv_nsec)
                hasher.combine(info.st_ino)
            }
        }
        Self.smallCodeFolders.withLock { small in
            if count <= Self.smallFolderEntries { small.insert(root) } else { small.remove(root) }
        }
        return "\(lineage)|r\(configuration.revision)-\(String(hasher.finalize(), radix: 16))"
    }

    /// Whether the last ``fingerprint()`` of this code folder walked few entries, so the next one
    /// is quick enough for an event loop. A folder not walked yet, or a large one (a bundled
    /// `node_modules`: up to 10,000 `lstat`s), is walked on the concurrency pool instead, where a
    /// long walk delays no other environment's Runtime API.
    var hasSmallCodeFolder: Bool { Self.smallCodeFolders.withLock { $0.contains(codeDirectory.path) } }

    private static let smallFolderEntries = 200
    private static let smallCodeFolders = Mutex<Set<String>>([])

    /// Calls `visit` for every entry under the folder `path` (whose `stat` is `info`): files and
    /// folders, sorted, at most 10,000. Listings come from ``FolderListings``.
    private static func walk(_ path: String, info: stat, depth: Int, count: inout Int, _ visit: (String, stat) -> Void) {
        guard depth < 32, let names = FolderListings.names(of: path, info: info) else { return }
        for name in names {
            count += 1
            guard count <= 10_000 else { return }
            let child = path + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else { continue }
            visit(child, info)
            if info.st_mode & S_IFMT == S_IFDIR { walk(child, info: info, depth: depth + 1, count: &count, visit) }
        }
    }
}
