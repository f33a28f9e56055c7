import Foundation

/// The version a build's service worker carries: a hash of everything the pages are made from
/// (every file under content/ and templates/, the build date, the pages included) and of the
/// offline scripts themselves. Any change to a page's source changes it; the same input always
/// gives the same version, so repeated builds stay byte-identical.
enum BuildVersion {
    static func of(site: Site, fs: FileSystem) -> String {
        var hash = FNV1a()
        hash.add("lantern-offline-1\n" + OfflineScripts.workerTemplate + OfflineScripts.pageScript)
        hash.add("today \(site.today)\n")
        for page in site.pages.map(\.sourcePath).sorted() { hash.add("page \(page)\n") }
        for folder in ["content", "templates"] {
            for file in fs.files(under: folder).sorted() {
                let path = "\(folder)/\(file)"
                hash.add("file \(path)\n")
                if let data = try? fs.read(path) { hash.add(data) }
            }
        }
        return hash.hex
    }
}
