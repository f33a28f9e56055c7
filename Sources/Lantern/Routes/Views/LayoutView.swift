import Templates

/// What the layout (`base.mustache`, header, footer, breadcrumbs) shows on every page.
struct LayoutView: ViewValue {
    var lang: String
    var siteTitle: String
    var homeURL: String
    var title: String
    var headTitle: String
    var description: String
    var url: String
    var canonical: String
    var cssURL: String
    /// The whole stylesheet, for a `<style>` element in the head (`{{{inline_css}}}`).
    var inlineCSS: String
    var faviconURL: String
    /// The interface strings of this language (shared by every page of it).
    var strings: TemplateObject
    var illustrative: Bool
    var noindex: Bool
    var ogImage: String?
    /// The share card's size and text alternative (nil for a photo used as it is).
    var ogImageWidth: Int? = nil
    var ogImageHeight: Int? = nil
    var ogImageAlt: String? = nil
    var ogLocale: String
    var menu: [MenuItem]
    var breadcrumbs: [LinkView]
    var alternates: [Alternate]
    var languageSwitch: [LanguageLink]

    struct MenuItem: ViewValue {
        var label: String
        var url: String
        var current: Bool
        func child(named n: String) -> (any TemplateValue)? {
            switch n {
            case "label": return label
            case "url": return url
            case "current": return current
            default: return nil
            }
        }
    }

    /// An hreflang alternate of the page.
    struct Alternate: ViewValue {
        var hreflang: String
        var href: String
        func child(named n: String) -> (any TemplateValue)? {
            switch n {
            case "hreflang": return hreflang
            case "href": return href
            default: return nil
            }
        }
    }

    /// The same page in another language, or that language's home when it has no translation.
    struct LanguageLink: ViewValue {
        var label: String
        var url: String
        var lang: String
        var available: Bool
        var missing: String
        func child(named n: String) -> (any TemplateValue)? {
            switch n {
            case "label": return label
            case "url": return url
            case "lang": return lang
            case "available": return available
            case "missing": return missing
            default: return nil
            }
        }
    }

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "s": return strings
        case "lang": return lang
        case "site_title": return siteTitle
        case "home_url": return homeURL
        case "title": return title
        case "head_title": return headTitle
        case "description": return description
        case "url": return url
        case "canonical": return canonical
        case "css_url": return cssURL
        case "inline_css": return inlineCSS
        case "sitemap_url": return SiteMapRoutes.url(Language(rawValue: lang) ?? .default)
        case "search_url": return SearchRoutes.url(Language(rawValue: lang) ?? .default)
        case "feed_url": return homeURL + "feed.xml"
        case "favicon_url": return faviconURL
        case "offline_script_url": return OfflineScripts.pageScriptURL
        case "illustrative": return illustrative
        case "noindex": return noindex
        case "og_image": return field(ogImage)
        case "og_image_width": return field(ogImageWidth.map(String.init))
        case "og_image_height": return field(ogImageHeight.map(String.init))
        case "og_image_alt": return field(ogImageAlt)
        case "og_locale": return ogLocale
        case "menu": return menu
        case "has_breadcrumbs": return !breadcrumbs.isEmpty
        case "breadcrumbs": return breadcrumbs
        case "alternates": return alternates
        case "language_switch": return languageSwitch
        default: return nil
        }
    }
}
