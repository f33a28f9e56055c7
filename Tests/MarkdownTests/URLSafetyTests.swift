import Testing
@testable import Markdown

@Suite struct URLSafetyTests {
    @Test(arguments: [
        "https://example.org/a?b=1#c", "http://example.org", "HTTPS://EXAMPLE.ORG/X", "mailto:ban@example.org",
        "tel:+84123456789", "/huong-dan/", "#buoc-1", "?q=1", "a/b", "./a:b", "../x", "", "/wiki/a:b",
        "?next=javascript:x", "#javascript:x", "/a?u=javascript:alert(1)", "hướng-dẫn/", "  /x  ",
    ])
    func allowed(_ url: String) {
        guard case .safe = URLSafety.check(url) else {
            Issue.record("\(url) should be safe, got \(URLSafety.check(url))")
            return
        }
    }

    @Test(arguments: [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x73;cript:alert(1)", "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)", "&#0000106avascript:alert(1)", "javascript&colon;alert(1)",
        "javascript&#58;alert(1)", " javascript:alert(1)", "\u{1}javascript:alert(1)", "java\tscript:alert(1)",
        "java\nscript:alert(1)", "java\rscript:alert(1)", "java&Tab;script:alert(1)", "java&NewLine;script:x",
        "java\u{0}script:x", "java\u{200B}script:x", "java&#x200B;script:x", "javascript%3Aalert(1)",
        "%6Aavascript:alert(1)", "java&amp;#x73;cript:x", "javascript&amp;colon;x",
        "vbscript:msgbox(1)", "VBScript:x", "data:text/html,<script>alert(1)</script>",
        "data:image/svg+xml;base64,PHN2Zz4=", "file:///etc/passwd", "ftp://example.org/", "foo:bar",
        "C:\\Windows", ":x", "javascript:", "jav&#97;script:x", "&#x0A;javascript:x",
    ])
    func refused(_ url: String) {
        guard case .unsafe(let reason) = URLSafety.check(url) else {
            Issue.record("\(url.debugDescription) should be unsafe, got \(URLSafety.check(url))")
            return
        }
        #expect(!reason.isEmpty)
    }

    @Test(arguments: ["//evil.example/x.png", "\\\\evil.example", "/\\evil.example", "/\t/evil.example",
                      "&sol;/evil.example", " //evil.example"])
    func protocolRelativeIsExternal(_ url: String) {
        guard case .external = URLSafety.check(url) else {
            Issue.record("\(url.debugDescription) should be external, got \(URLSafety.check(url))")
            return
        }
    }

    @Test func normalizedFormAndScheme() {
        #expect(URLSafety.check("  HTTPS://Example.org/A\n") == .safe("https://Example.org/A"))
        #expect(URLSafety.check("Mailto:a@b.vn").scheme == "mailto")
        #expect(URLSafety.check("/x").scheme == nil)
        #expect(URLSafety.check("/x").normalized == "/x")
        #expect(URLSafety.check("//cdn.example/x").normalized == "//cdn.example/x")
        #expect(URLSafety.check("javascript:x").normalized == nil)
        #expect(URLSafety.check("javascript:x") == .unsafe(reason: "a `javascript:` address runs code in the reader's browser"))
        #expect(URLSafety.check("java&#x73;cript:x") == URLSafety.check("javascript:x"))
        guard case .unsafe(let reason) = URLSafety.check("gopher://x") else { Issue.record("gopher"); return }
        #expect(reason.contains("`gopher:`"))
    }
}

/// `check` decides the usual URL from its bytes alone; that quick look must never answer
/// differently from the full check, nor answer at all for a URL that needs decoding.
@Suite struct URLSafetyQuickCheckTests {
    static let urls: [String] = [
        "https://example.org/a?b=1#c", "http://example.org", "HTTPS://EXAMPLE.ORG/X", "Https://x", "mailto:ban@example.org",
        "tel:+84123456789", "tel:113", "/huong-dan/", "#buoc-1", "?q=1", "a/b", "./a:b", "../x", "", "/wiki/a:b",
        "?next=javascript:x", "#javascript:x", "/a?u=javascript:alert(1)", "hướng-dẫn/", "  /x  ",
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x73;cript:alert(1)", "javascript&colon;alert(1)",
        "java\tscript:alert(1)", "%6Aavascript:alert(1)", "data:text/html,x", "file:///etc/passwd", ":x",
        "//evil.example/x", "\\\\evil.example", "/\\evil", "https:", "httpsx:y", "http+x:y", "a.b-c+d:e",
        "/x y", "x\u{7F}y", "mailto:a@b?subject=a&body=b", "/images/a.360.webp", "vbscript:x", "tel",
    ]

    @Test(arguments: urls) func quickAnswersOnlyWhatTheFullCheckAnswers(_ url: String) {
        #expect(URLSafety.check(url) == URLSafety.fullCheck(url))
        if let quick = URLSafety.quickCheck(url) {
            #expect(quick == URLSafety.fullCheck(url))
            guard case .safe = quick else { Issue.record("the quick look only ever says safe: \(url)"); return }
        }
    }

    @Test func theUsualAddressesTakeTheQuickLook() {
        for url in ["/huong-dan/vneid/", "https://dichvucong.gov.vn/p/home.html", "#buoc-2", "tel:113", "mailto:a@b.vn", "images/a.jpg"] {
            #expect(URLSafety.quickCheck(url) != nil, "\(url)")
        }
        for url in ["//x", "java&#x73;cript:x", "%6Aavascript:x", "HTTPS://x", "javascript:x", "a b"] {
            #expect(URLSafety.quickCheck(url) == nil, "\(url)")
        }
    }
}
