import Foundation
@testable import Lantern

/// Builds whole sites from inline files (Hugo's `Test(t, files)`): a small valid base site that a
/// test overrides or extends, built in memory.
enum TestSite {
    static let today = LocalDate(year: 2026, month: 11, day: 24)

    /// The repository's own theme (templates/), so tests exercise the real templates.
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static let theme: [String: Data] = {
        let fs = DiskFileSystem(root: repositoryRoot.path)
        var files: [String: Data] = [:]
        for f in fs.files(under: "templates") { files["templates/\(f)"] = try! fs.read("templates/\(f)") }
        return files
    }()

    static let base: [String: String] = [
        "content/site.yml": """
        title: "Thử nghiệm"
        base_url: "https://example.org/"
        precompress: false
        """,
        "content/data/topics.yml": "- {id: vneid, name: \"Định danh VNeID\", name_en: \"VNeID\"}\n",
        "content/data/models.yml": "- {id: cho-so, name: \"Chợ số\"}\n",
        "content/data/localities.yml": """
        - id: hoa-lu
          name: "Phường Hoa Lư"
          name_en: "Hoa Lu Ward"
          kind: ward
          help: {team: "Tổ công nghệ số phường Hoa Lư", phone: "0000 000 000"}
          sample_contact: true
        """,
        "content/data/targets.yml": """
        deadline: 2025-12-31
        indicators:
          - {id: adults, name: "Người trưởng thành có kỹ năng số", target: 80}
          - {id: vneid_certified, name: "Phổ cập kỹ năng số trên VNeID", target: 50}
        """,
        "content/_index.md": "---\ntitle: \"Trang chủ\"\nsummary: \"Giới thiệu\"\n---\nXin chào.\n",
        "content/guides/cai-dat-vneid.md": """
        ---
        title: "Cài đặt VNeID"
        summary: "Cài ứng dụng và kích hoạt tài khoản."
        topics: [vneid]
        duration: 20
        needs: ["Điện thoại có Internet"]
        updated: 2026-10-15
        ---
        Mở đầu.

        ## Bước 2: Đăng nhập

        1. Mở cửa hàng ứng dụng.
        2. Tìm VNeID.
        3. Bấm cài đặt.
        """,
        "content/events/tap-huan.md": """
        ---
        title: "Tập huấn VNeID"
        summary: "Buổi hướng dẫn cài VNeID."
        start: 2026-11-29T08:00
        end: 2026-11-29T11:00
        location: {name: "Nhà văn hoá tổ 3", address: "Phường Hoa Lư"}
        locality: hoa-lu
        status: scheduled
        ---
        Mang theo căn cước.
        """,
        "content/progress/2026-09.yml": """
        as_of: 2026-09-30
        source: "Số liệu minh hoạ"
        illustrative: true
        localities:
          hoa-lu:
            adults: {total: 12840, reached: 9012}
        """,
    ]

    static func fileSystem(_ overrides: [String: String?] = [:], extraData: [String: Data] = [:]) -> MemoryFileSystem {
        var files = theme
        for (k, v) in base { files[k] = Data(v.utf8) }
        for (k, v) in overrides { files[k] = v.map { Data($0.utf8) } }
        for (k, v) in extraData { files[k] = v }
        return MemoryFileSystem(data: files)
    }

    static func build(_ overrides: [String: String?] = [:], extraData: [String: Data] = [:], drafts: Bool = false) -> (BuildResult, Diagnostics) {
        let diagnostics = Diagnostics()
        let builder = Builder(fs: fileSystem(overrides, extraData: extraData),
                              options: BuildOptions(includeDrafts: drafts, today: today), diagnostics: diagnostics)
        return (builder.run(), diagnostics)
    }
}

extension BuildResult {
    func text(_ path: String) -> String? { tree.files[path].flatMap { String(data: $0, encoding: .utf8) } }
}

extension Diagnostics {
    var texts: [String] { sorted.map(\.text) }
}
