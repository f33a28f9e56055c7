import Foundation
import Markdown

/// Where a page may take an image from: a file of this site under `content/` (`/images/x.png`, or a
/// path relative to the page). An image from another site would leak the reader's visit and data to
/// it and can change after review; a path that climbs out of the site, or a file that does not
/// exist, would show a broken picture.
enum ImageSource {
    /// The site URL of an image written as `source` on the page at `pageURL`, or why it cannot be one.
    static func resolve(_ source: String, on pageURL: String) -> Result<String, Problem> {
        switch URLSafety.check(source) {
        case .unsafe(let reason):
            return .failure(Problem(message: "the image address `\(shown(source))` is refused: \(reason)",
                                    hint: "put the image in content/images/ and write its path, e.g. /images/anh.png."))
        case .external:
            return .failure(external(source))
        case .safe(let url):
            if URLSafety.check(url).scheme != nil { return .failure(external(source)) }
            var path = String(url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
            path = String(path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
            path = path.removingPercentEncoding ?? path
            if !path.hasPrefix("/") { path = pageURL + path }
            var parts: [Substring] = []
            for segment in path.split(separator: "/") {
                if segment == "." { continue }
                if segment == ".." {
                    guard !parts.isEmpty else {
                        return .failure(Problem(message: "the image path `\(shown(source))` climbs out of the site",
                                                hint: "put the image in content/images/ and write /images/<name>."))
                    }
                    parts.removeLast()
                    continue
                }
                parts.append(segment)
            }
            return .success("/" + parts.joined(separator: "/"))
        }
    }

    /// The site URLs of the files copied from `content/` (`content/images/a.png` → `/images/a.png`).
    static func urls(ofAssets assets: [String]) -> Set<String> {
        Set(assets.map { "/" + $0.dropFirst("content/".count) })
    }

    /// A problem with a message for the reader of the error and a hint that fixes it.
    struct Problem: Error {
        var message: String
        var hint: String
    }

    /// Why the image at `url` is missing from `assets`, or nil when the site has it.
    static func missing(_ url: String, written source: String, assets: Set<String>) -> Problem? {
        if assets.contains(url) { return nil }
        let guess = Suggest.closest(to: url, in: Array(assets)).map { " Did you mean \($0)?" } ?? ""
        return Problem(message: "the image \(shown(source)) does not exist (looked for content\(url))",
                       hint: "add the file under content/, or fix the path.\(guess)")
    }

    private static func external(_ source: String) -> Problem {
        Problem(message: "the image `\(shown(source))` is on another site; residents' phones would fetch it from there",
                hint: "download it, put it in content/images/ and write its path, e.g. /images/anh.png.")
    }

    private static func shown(_ s: String) -> String { OutputPath.shown(s) }
}
