import Foundation

/// The few file operations the engine needs, so tests and the preview server can build without disk.
public protocol FileSystem: Sendable {
    /// Files under `directory` (recursively), as paths relative to it, sorted.
    func files(under directory: String) -> [String]
    func read(_ path: String) throws -> Data
    func exists(_ path: String) -> Bool
}

/// The real disk. Paths are joined onto `root`.
public struct DiskFileSystem: FileSystem {
    public let root: String
    public init(root: String) { self.root = root }

    private func full(_ path: String) -> String { path.hasPrefix("/") ? path : (root as NSString).appendingPathComponent(path) }

    public func files(under directory: String) -> [String] {
        let base = full(directory)
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var out: [String] = []
        while let item = enumerator.nextObject() as? String {
            let name = (item as NSString).lastPathComponent
            if name.hasPrefix(".") { if isDirectory(base + "/" + item) { enumerator.skipDescendants() }; continue }
            let full = base + "/" + item
            // A symlink that leads outside the site folder is never followed: its target could
            // otherwise be copied into the published site.
            if let type = enumerator.fileAttributes?[.type] as? FileAttributeType, type == .typeSymbolicLink,
               !resolvesInside(full) {
                continue
            }
            if !isDirectory(full) { out.append(item) }
        }
        return out.sorted()
    }

    private func resolvesInside(_ path: String) -> Bool {
        let rootPath = URL(fileURLWithPath: root).resolvingSymlinksInPath().standardizedFileURL.path
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        return target == rootPath || target.hasPrefix(rootPath + "/")
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    public func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: full(path))) }
    public func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: full(path)) }
}

/// Files held in memory: `["content/guides/a.md": "..."]`.
public struct MemoryFileSystem: FileSystem {
    public var contents: [String: Data]
    public init(_ files: [String: String]) { contents = files.mapValues { Data($0.utf8) } }
    public init(data: [String: Data]) { contents = data }

    public func files(under directory: String) -> [String] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return contents.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }.sorted()
    }

    public func read(_ path: String) throws -> Data {
        guard let data = contents[path] else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        return data
    }

    public func exists(_ path: String) -> Bool {
        contents[path] != nil || contents.keys.contains { $0.hasPrefix(path.hasSuffix("/") ? path : path + "/") }
    }
}
