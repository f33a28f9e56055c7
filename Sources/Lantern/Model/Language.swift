/// A site language. Vietnamese is the default and lives at the site root; English under `/en/`.
public enum Language: String, Sendable, Hashable, CaseIterable, Comparable {
    case vi, en

    public static let `default` = Language.vi

    /// URL prefix: "" for the default language, "/en" otherwise.
    public var urlPrefix: String { self == .default ? "" : "/\(rawValue)" }

    /// File-name suffix of a translation: `cai-dat-vneid.en.md`.
    public var fileSuffix: String { self == .default ? "" : ".\(rawValue)" }

    public static func < (a: Language, b: Language) -> Bool {
        (a == .default ? 0 : 1, a.rawValue) < (b == .default ? 0 : 1, b.rawValue)
    }
}

/// The content sections and their URL segment in each language.
public enum Section: String, Sendable, Hashable, CaseIterable {
    case guides, stories, events, progress, localities, topics, models

    public func segment(_ language: Language) -> String {
        switch (self, language) {
        case (.guides, .vi): return "huong-dan"
        case (.stories, .vi): return "cau-chuyen"
        case (.events, .vi): return "su-kien"
        case (.progress, .vi): return "tien-do"
        case (.localities, .vi): return "dia-phuong"
        case (.topics, .vi): return "chu-de"
        case (.models, .vi): return "mo-hinh"
        case (_, .en): return rawValue
        }
    }

    /// `/huong-dan/` or `/en/guides/`.
    public func url(_ language: Language) -> String { "\(language.urlPrefix)/\(segment(language))/" }

    public func url(_ language: Language, slug: String) -> String { .tight(url(language), slug, "/") }
}
