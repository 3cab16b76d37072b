import Foundation
import HuellaCore
import HuellaTestSupport
import Testing

@testable import HuellaExtract

@Suite("page extraction")
struct PageExtractorTests {
    func extract(_ html: String, url: String = "https://va.test/", contentType: String? = "text/html; charset=utf-8")
        -> PageExtraction
    {
        PageExtractor().extract(body: Data(html.utf8), contentType: contentType, url: url, origin: .website)
    }

    /// A website page of one paragraph.
    func extract(paragraph text: String) -> PageExtraction {
        extract("<html><body><p>\(text)</p></body></html>")
    }

    func extractFixture(_ path: String, url: String, contentType: String?, origin: ClaimOrigin = .website) throws
        -> PageExtraction
    {
        PageExtractor().extract(body: try FixturePaths.data(path), contentType: contentType, url: url, origin: origin)
    }

    func values(_ kind: ClaimKind, _ extraction: PageExtraction) -> [String] {
        extraction.claims.filter { $0.kind == kind }.map(\.value.text)
    }

    @Test("reads the JSON-LD Person of a WordPress site inside an @graph")
    func wordpressPerson() throws {
        let page = try extractFixture(
            "Fixtures/sample/sites/asistente-mjperez.com/index.html", url: "https://asistente-mjperez.com/",
            contentType: "text/html; charset=UTF-8")
        #expect(values(.name, page).contains("María José Pérez Gil"))
        #expect(values(.skill, page).contains("QuickBooks Online"))
        #expect(page.claims.contains { claim in
            if case .degree(let d) = claim.value { return d.institution == "Universidad de Guadalajara" }
            return false
        })
        #expect(page.claims.contains { $0.value == .credential(Credential(name: "QuickBooks Online ProAdvisor", issuer: "Intuit")) })
        #expect(values(.experienceYears, page) == ["8"])
        #expect(page.profileLinks.contains("https://www.linkedin.com/in/mjperezgil"))
        #expect(page.profileLinks.contains("https://github.com/mjperez"))
        let name = try #require(page.claims.first { $0.kind == .name })
        #expect(name.locator.hasPrefix("(//script[@type='application/ld+json'])["))
        #expect(name.locator.contains("#/@graph/"))
    }

    @Test("decodes a Latin-1 page declared in the HTTP header and in meta")
    func latin1() throws {
        for contentType in ["text/html; charset=iso-8859-1", nil] {
            let page = try extractFixture(
                "Fixtures/sample/sites/luciafernandez-asistente.es/index.html",
                url: "https://luciafernandez-asistente.es/", contentType: contentType)
            #expect(values(.name, page) == ["Lucía Fernández Ortega"])
            #expect(values(.experienceYears, page) == ["9"])
        }
    }

    @Test("reads the microdata name of a GitHub-like profile and its rel=me website")
    func githubProfile() throws {
        let page = try extractFixture(
            "Fixtures/sample/sites/github.com/mjperez.html", url: "https://github.com/mjperez",
            contentType: "text/html; charset=utf-8", origin: .profile)
        #expect(values(.name, page) == ["María José Pérez"])
        #expect(page.claims.allSatisfy { $0.origin == .profile })
        #expect(values(.relMe, page).contains { $0.hasPrefix("https://asistente-mjperez.com") })
    }

    @Test(
        "finds years of experience in English and Spanish",
        arguments: [
            ("I have 7 years of experience in bookkeeping.", 7),
            ("With 10+ years of experience supporting founders", 10),
            ("over 12 years' experience as an EA", 12),
            ("Con más de 8 años de experiencia como asistente virtual", 8),
            ("Tengo 15 años de experiencia profesional", 15),
        ])
    func yearsMatch(sentence: String, years: Int) {
        let page = extract(paragraph: sentence)
        #expect(values(.experienceYears, page) == [String(years)])
    }

    @Test(
        "does not take other numbers for years of experience",
        arguments: [
            "Founded 10 years ago in Leeds.",
            "7 años 1 mes",
            "Asistente de dirección · 4 years 1 month",
            "Over 200 clients served",
            "Respondo en 24 horas",
        ])
    func yearsDoNotMatch(sentence: String) {
        #expect(values(.experienceYears, extract(paragraph: sentence)).isEmpty)
    }

    @Test(
        "an engineering degree is named with its capital; the trade in lower case is none",
        arguments: [
            ("Ingeniería Industrial, Universidad de Sevilla (2012)", true),
            ("INGENIERÍA EN SISTEMAS COMPUTACIONALES · ITESO", true),
            ("Fui asistente de dirección en una consultora de ingeniería, hasta que en 2014 monté mi servicio.", false),
            ("Trabajé para una empresa de ingeniería de Sevilla.", false),
        ])
    func engineeringDegree(sentence: String, isDegree: Bool) {
        let page = extract(paragraph: sentence)
        let levels = page.claims.compactMap { claim -> DegreeLevel? in
            if case .degree(let d) = claim.value { return d.level }
            return nil
        }
        #expect(levels == (isDegree ? [.bachelor] : []), "\(sentence)")
    }

    @Test(
        "a position's title and company from the lines above its dates",
        arguments: [
            (["Office Manager", "Alamo Heights Pediatric Associates · Full-time", "Sep 2012 - Dec 2017"], "Office Manager", "Alamo Heights Pediatric Associates"),
            (["Experiencia", "Auxiliar contable · Despacho Garza Leal", "mar. 2015 – dic. 2018"], "Auxiliar contable", "Despacho Garza Leal"),
            (["Office Coordinator", "Rose City Law Group · Portland", "June 2014 – March 2016"], "Office Coordinator", "Rose City Law Group · Portland"),
            (["Handled payroll and invoices for twelve small clients every month.", "Clerk | Acme Ltd", "2014 - 2016"], "Clerk", "Acme Ltd"),
            (["Executive Assistant", "Brightline Dental", "March 2017 - Present"], "Executive Assistant", "Brightline Dental"),
        ])
    func positionLabels(lines: [String], title: String, organization: String) {
        let page = extract("<html><body><main>" + lines.map { "<p>\($0)</p>" }.joined() + "</main></body></html>")
        let positions = page.claims.compactMap { claim -> Position? in
            if case .position(let p) = claim.value { return p }
            return nil
        }
        #expect(positions.map(\.title) == [title])
        #expect(positions.map(\.organization) == [organization])
    }

    @Test("site pages: navigation, header and footer links to this host whose words or path name a page worth reading")
    func sitePages() {
        let html = """
            <html><body><header><nav>
            <a href="/sobre-mi/">Sobre mí</a> <a href="servicios.html">Qué ofrezco</a> <a href="galeria.html">Galería</a>
            <a href="/blog/">Blog</a> <a href="https://other.example/contact">Contact</a> <a href="/cv.pdf">CV</a>
            <a href="/Aviso%20legal">Legal</a>
            </nav></header>
            <main><a href="/pricing">Pricing in the text</a></main>
            <footer><a href="/privacidad#top">Privacidad</a> <a href="/sobre-mi">Sobre mí otra vez</a></footer>
            </body></html>
            """
        let pages = extract(html, url: "https://va.test/sobre-mi/index.html").sitePages
        // "galeria.html" counts through the page's own path (/sobre-mi/), as a resolved link would.
        #expect(pages == [
            "https://va.test/sobre-mi/", "https://va.test/sobre-mi/servicios.html", "https://va.test/sobre-mi/galeria.html", "https://va.test/Aviso%20legal",
            "https://va.test/privacidad",
        ])
    }

    @Test("ignores text in scripts, styles, hidden elements and navigation")
    func invisibleText() {
        let html = """
            <html><head><title>9 years of experience</title><style>.x:after{content:"5 years of experience"}</style></head>
            <body><nav>11 years of experience</nav>
            <script>var s = "<div>6 years of experience</div>";</script>
            <div hidden>3 years of experience</div><div style="display: none">4 years of experience</div>
            <div aria-hidden="true">2 years of experience</div>
            <p>Visible: 8 years of experience.</p></body></html>
            """
        #expect(values(.experienceYears, extract(html)) == ["8"])
    }

    @Test("skips a malformed JSON-LD block with a diagnostic and keeps its sibling")
    func malformedJSONLD() {
        let html = """
            <html><head>
            <script type="application/ld+json">{"@type": "Person", "name": "Broken", </script>
            <script type="application/ld+json"><!-- {"@context":"https://schema.org","@type":"Person","name":"Ana Ruiz","sameAs":"https://github.com/anaruiz"} --></script>
            </head><body></body></html>
            """
        let page = extract(html)
        #expect(values(.name, page) == ["Ana Ruiz"])
        #expect(page.diagnostics.count == 1)
        #expect(page.diagnostics.first?.location.contains("[1]") == true)
        #expect(page.profileLinks == ["https://github.com/anaruiz"])
    }

    @Test("does not take an employer's links for the person's")
    func nestedOrganisation() {
        let html = """
            <html><head><script type="application/ld+json">
            {"@type":"Person","name":"Ana Ruiz","worksFor":{"@type":"Organization","name":"Acme","sameAs":"https://www.linkedin.com/company/acme"}}
            </script></head><body></body></html>
            """
        let page = extract(html)
        #expect(values(.sameAs, page).isEmpty)
        #expect(values(.name, page) == ["Ana Ruiz"])
    }

    @Test("one fact stated twice is one claim; two facts that share their letters stay two")
    func repeatsAndDistinctFacts() {
        let page = extract(
            """
            <html><body>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Person","name":"Dra. Lucía Ortega",
              "telephone":"+34 612 345 678","email":"lucia2@ortega-va.es"}</script>
            <h1>LUCIA ORTEGA</h1>
            <p>Oficina Madrid: <a href="tel:+34612345678">+34 612 345 678</a></p>
            <p>Oficina Monterrey: <a href="tel:+528112345678">+52 81 1234 5678</a></p>
            <p>Desde España llama al Tel.: 612 345 678</p>
            <p>Escríbeme a lucia1@ortega-va.es o a lucia2@ortega-va.es</p>
            <p>Ortega Asistencia Virtual S.L. · NIF B12345674 · también B87654315 (sociedad anterior)</p>
            </body></html>
            """)
        #expect(values(.name, page) == ["Dra. Lucía Ortega"])
        #expect(values(.phone, page) == ["+34612345678", "+528112345678"])
        #expect(values(.email, page) == ["lucia2@ortega-va.es", "lucia1@ortega-va.es"])
        #expect(values(.taxID, page) == ["B12345674", "B87654315"])
    }

    @Test(
        "\"autónoma\" is a legal form where the VA says it, not in the name of a university or a region",
        arguments: [
            ("Soy autónoma desde 2016 y facturo con IVA.", ["autónoma"]),
            ("Trabajo como Autónomo dado de alta en Hacienda.", ["Autónomo"]),
            ("Autónoma desde 2016, con seguro de responsabilidad civil.", ["Autónoma"]),
            ("Licenciatura en Contaduría Pública, Universidad Autónoma de Nuevo León (2013)", []),
            ("Estudié en la Universidad Nacional Autónoma de México.", []),
            ("Grado en ADE por la Autónoma de Madrid.", []),
            ("Atiendo clientes en toda la comunidad autónoma de Andalucía.", []),
            ("Vivo en la Ciudad Autónoma de Buenos Aires.", []),
            ("María López, Asistente Virtual Autónoma de Valencia.", ["Autónoma"]),
            ("Secretaria Autónoma de Sevilla desde 2018.", ["Autónoma"]),
        ])
    func autonomaLegalForm(sentence: String, forms: [String]) {
        #expect(values(.legalForm, extract(paragraph: sentence)) == forms, "\(sentence)")
    }

    @Test("a cookie policy is not a privacy policy")
    func cookiePolicy() {
        let onlyCookies = extract(
            #"<html><body><footer><a href="/politica-de-cookies/">Política de cookies</a> <a href="/cookie-policy">Cookie Policy</a></footer></body></html>"#)
        #expect(values(.privacyPolicy, onlyCookies).isEmpty)
        let both = extract(
            #"<html><body><footer><a href="/politica-de-cookies/">Política de cookies</a> <a href="/privacidad/">Política de privacidad</a></footer></body></html>"#)
        #expect(values(.privacyPolicy, both) == ["https://va.test/privacidad/"])
    }

    @Test(
        "a contract is a claim where the page says the VA works under one, not where it is a service or someone else's",
        arguments: [
            ("Every engagement starts with a simple written contract.", ["contract"]),
            ("I always work with a contract.", ["contract"]),
            ("Trabajo siempre con contrato de prestación de servicios.", ["contrato de prestación de servicios"]),
            ("Antes de empezar, el contrato firmado por ambas partes.", ["contrato"]),
            ("All clients receive signed contracts before work begins.", ["contracts"]),
            ("Contracts, welcome packs and CRM set-up in HubSpot or Dubsado.", []),
            ("Negotiated vendor contracts and office leases.", []),
            ("Open to contract-to-hire roles.", []),
            ("Client onboarding: welcome packets, intake forms, contracts and invoices.", []),
            ("Contract management and renewals for a law firm.", []),
            ("No need to sign a contract: pay as you go.", []),
            ("Sin necesidad de firmar contrato.", []),
            ("No signed contracts, no minimums.", []),
            ("I work on a contract basis for agencies.", []),
            ("Open to a contract role.", []),
            ("I never start without a signed contract.", ["contract"]),
            ("Our contracts, which every client signs, cover scope and fees.", ["contracts"]),
            ("Contratos, que redacto y reviso para despachos.", []),
        ])
    func contractStatements(sentence: String, contracts: [String]) {
        #expect(values(.contract, extract(paragraph: sentence)) == contracts, "\(sentence)")
    }

    @Test(
        "languages named side by side are languages the VA works in; one named alone is not",
        arguments: [
            ("Trabajo desde Guadalajara, Jalisco, en español y en inglés.", ["es", "en"]),
            ("I work with clients in English and Spanish.", ["en", "es"]),
            ("Atención a clientes en español, inglés y portugués.", ["es", "en", "pt"]),
            ("Soporte inglés/español para tiendas en línea.", ["en", "es"]),
            ("Traducción del inglés de contratos y facturas.", []),
            ("Recetas de tortilla spanish style para tu blog.", []),
            ("Licenciada en Filología Inglesa.", []),
            ("I work with Spanish and French clients.", []),
        ])
    func languagePairs(sentence: String, codes: [String]) {
        // Without <html lang>, only the sentence speaks.
        let page = extract(paragraph: sentence)
        #expect(values(.language, page) == codes, "\(sentence)")
    }

    @Test("a contract the page says it does without is no contract claim")
    func contractsDoneWithout() {
        func contract(_ text: String) -> [String] { values(.contract, extract(paragraph: text)) }
        // Flexible-plan marketing: no written contract is stated.
        #expect(contract("Monthly plans, no long-term contracts — cancel anytime.").isEmpty)
        #expect(contract("Flexible support with no lock-in contracts.").isEmpty)
        #expect(contract("Pagas solo por horas, sin contratos largos.").isEmpty)
        #expect(contract("Bonos mensuales sin permanencia ni contratos.").isEmpty)
        #expect(contract("Zero contracts, zero hassle.").isEmpty)
        // A contract stated, a negation elsewhere in the sentence.
        #expect(contract("I never start without a signed contract.") == ["contract"])
        #expect(contract("No matter the project, we work under a service agreement.") == ["service agreement"])
        #expect(contract("Sin excepciones: firmamos un contrato de prestación de servicios.") == ["contrato de prestación de servicios"])
        // The first mention done without, a later one stated: the later one is the claim.
        #expect(contract("No long-term contracts. Every client signs a service agreement.") == ["service agreement"])
    }

    @Test("the words of one advertising phrase are one claim; two phrases stay two")
    func advertisingPhrases() {
        let page = extract(
            """
            <html><body>
            <p>My 30-day money-back guarantee, and 100% satisfaction guaranteed on every task.</p>
            <p>Award-winning, top-rated support.</p>
            </body></html>
            """)
        #expect(values(.guarantee, page) == ["money-back guarantee", "100% satisfaction guaranteed"])
        #expect(values(.superlative, page) == ["award-winning", "top-rated"])
        // A guarantee denied is no promise; one stated after it still is.
        func guarantees(_ text: String) -> [String] { values(.guarantee, extract(paragraph: text)) }
        #expect(guarantees("I can’t guarantee rankings, but I can promise steady work.").isEmpty)
        #expect(guarantees("SEO results are not guaranteed. No guarantees on ad spend either.").isEmpty)
        #expect(guarantees("Los resultados no están garantizados.").isEmpty)
        #expect(guarantees("I cannot guarantee virality. I do offer a money-back guarantee.") == ["money-back guarantee"])
        #expect(guarantees("Guaranteed reply within 24 hours.") == ["guaranteed"])
    }

    @Test("phone numbers after their keyword, the area code in parentheses or not")
    func phoneNumbers() {
        let page = extract(
            """
            <html><body>
            <p>Call (512) 555-0148 to book a discovery call.</p>
            <p>Teléfono: (55) 1234 5678 · WhatsApp +52 81 8347 2915</p>
            <p>Phone: 0161 496 0732</p>
            <p>Llámame al (33) 12.</p>
            <p>Our office hours (9) 12345678 are flexible; call 2015 to 2019 our busiest years.</p>
            </body></html>
            """)
        #expect(values(.phone, page) == ["5125550148", "5512345678", "+528183472915", "01614960732"])
    }

    @Test("a certifications section ends with the element that holds it, or at the next heading of its rank")
    func certificationSections() throws {
        // The sample LinkedIn page: the footer after the section is no credential.
        let page = try extractFixture(
            "Fixtures/sample/sites/www.linkedin.com/in/sarah-thompson-va.html", url: "https://www.linkedin.com/in/sarah-thompson-va",
            contentType: "text/html; charset=utf-8", origin: .profile)
        let credentials = page.claims.compactMap { claim -> String? in
            if case .credential(let c) = claim.value { return c.name }
            return nil
        }
        #expect(credentials.contains("Xero Advisor"))
        #expect(!credentials.contains { $0.contains("LinkedIn") })
        #expect(CredentialPatterns.commonAncestor("/html/body/main/section[3]/h2", "/html/body/main/section[3]/ul/li[1]/h3") == "/html/body/main/section[3]/")
        #expect(CredentialPatterns.commonAncestor("/html/body/div[1]/h2", "/html/body/div[10]/p") == nil)
        #expect(CredentialPatterns.commonAncestor("Certifications.csv#row=2", "Certifications.csv#row=3") == nil)
        // The Upwork fixture: one certificate, read whole, with its provider as issuer; no pieces of it.
        let upwork = PageExtractor(vocabulary: FixturePageTests.vocabulary, hosts: FixturePageTests.hosts).extract(
            body: try FixturePaths.data("Fixtures/tests/extract/pages/upwork-en.html"), contentType: "text/html; charset=utf-8",
            url: "https://www.upwork.com/freelancers/~01f3a9c27d84be6150", origin: .profile)
        let upworkCredentials = upwork.claims.compactMap { claim -> Credential? in
            if case .credential(let c) = claim.value { return c }
            return nil
        }
        #expect(upworkCredentials == [Credential(name: "QuickBooks Certified User", issuer: "Intuit")])
        #expect(CredentialPatterns.labelledIssuer("Provider: Intuit") == "Intuit")
        #expect(CredentialPatterns.labelledIssuer("Issued by Google Cloud") == "Google Cloud")
        #expect(CredentialPatterns.labelledIssuer("Emitido por: SEPE") == "SEPE")
        #expect(CredentialPatterns.labelledIssuer("Providers we work with") == nil)
        #expect(CredentialPatterns.labelledIssuer("QuickBooks Certified User") == nil)
        #expect(CredentialPatterns.headingRank(of: "/html/body/section/h3[2]") == 3)
        #expect(CredentialPatterns.headingRank(of: "/html/body/section/header") == nil)
        #expect(CredentialPatterns.headingRank(of: "/html/body/h7") == nil)
    }

    @Test("a platform's page: its footer and its language are the platform's, not the VA's")
    func platformBoilerplate() throws {
        let body = try FixturePaths.data("Fixtures/sample/sites/github.com/mjperez.html")
        let extractor = PageExtractor(hosts: FixturePageTests.hosts)
        let onGitHub = extractor.extract(body: body, contentType: "text/html; charset=utf-8", url: "https://github.com/mjperez", origin: .profile)
        #expect(values(.name, onGitHub) == ["María José Pérez"])
        for kind in [ClaimKind.legalForm, .terms, .privacyPolicy, .copyrightYear, .language] {
            #expect(values(kind, onGitHub).isEmpty, "\(kind): \(values(kind, onGitHub))")
        }
        // The same bytes as a page of the VA's own: its footer and language count.
        let ownPage = extractor.extract(body: body, contentType: "text/html; charset=utf-8", url: "https://mjperez.example/", origin: .profile)
        #expect(values(.legalForm, ownPage) == ["Inc"])
        #expect(values(.language, ownPage) == ["en"])
        #expect(Locator.isInFooter("/html/body/div/footer/div/div"))
        #expect(Locator.isInFooter("/html/body/footer[2]"))
        #expect(!Locator.isInFooter("/html/body/div/footer-links/p"))
    }

    @Test(
        "a credential whose keyword is part of its title keeps it",
        arguments: [
            ("Inglés: nivel B2 (First Certificate)", "First Certificate"),
            ("English: Cambridge Advanced Certificate, 2019", "Cambridge Advanced Certificate"),
            ("Certificado de Profesionalidad en Asistencia a la Dirección (SEPE)", "Certificado de Profesionalidad en Asistencia a la Dirección"),
            ("Google Workspace certified since 2021", "Google Workspace"),
            ("Certificación QuickBooks Online ProAdvisor (Intuit)", "QuickBooks Online ProAdvisor"),
        ])
    func credentialTitles(sentence: String, name: String) {
        let names = extract(paragraph: sentence).claims.compactMap { claim -> String? in
            if case .credential(let c) = claim.value { return c.name }
            return nil
        }
        #expect(names == [name], "\(sentence)")
    }

    @Test("each degree takes the institution named with it, not another degree's")
    func degreeInstitutions() {
        func institutions(_ html: String) -> [String: String] {
            var found: [String: String] = [:]
            for claim in extract(html).claims {
                if case .degree(let d) = claim.value, let level = d.level { found[level.rawValue] = d.institution ?? "-" }
            }
            return found
        }
        // One paragraph, three degrees, one university: the first degree's.
        #expect(
            institutions(
                "<html><body><p>Soy graduada en Derecho por la Universidad de Sevilla y tengo un máster en Gestión Administrativa. Tengo además el Certificado de Profesionalidad en Asistencia a la Dirección (SEPE).</p></body></html>"
            ) == ["bachelor": "Universidad de Sevilla", "master": "-", "non-degree": "-"])
        // A university before the degree it is for, on its line.
        #expect(
            institutions("<html><body><p>Universidad de Guadalajara — Licenciatura en Administración, 2012; después un MBA en el ITESO.</p></body></html>")
                == ["bachelor": "Universidad de Guadalajara", "master": "ITESO"])
        // A list: the second line of one item is not the next item's institution.
        #expect(
            institutions(
                "<html><body><ul><li><strong>Licenciatura en Administración de Empresas, Universidad de Guadalajara (2012)</strong><br>Centro Universitario de Ciencias Económico Administrativas (CUCEA).</li><li><strong>Diplomado en Marketing Digital</strong><br>Curso en línea, 2018.</li></ul></body></html>"
            ) == ["bachelor": "Universidad de Guadalajara", "non-degree": "-"])
        // LinkedIn's card: the school on the line above the degree, in the same item.
        #expect(
            institutions(
                "<html><body><ul><li><div><h3>Universidad de Sevilla</h3><h4>Máster Gestión Administrativa</h4><span>2011 - 2012</span></div></li></ul></body></html>"
            ) == ["master": "Universidad de Sevilla"])
    }

    @Test(
        "a degree named in prose: the field studied, the institution's whole name",
        arguments: [
            ("I studied Accounting and Finance at Technological University Dublin (BA, 2019) and went out on my own.",
             "Accounting and Finance", "Technological University Dublin"),
            ("I hold a BA (Hons) in Business Management from Leeds Beckett University. In 2017 I moved to Leeds.",
             "Business Management", "Leeds Beckett University"),
            ("Estudié Derecho en la Universidad de Sevilla (licenciatura, 2011).", "Derecho", "Universidad de Sevilla"),
            ("BSc (Hons) Psychology, University College Dublin, 2015", "Psychology", "University College Dublin"),
        ])
    func degreesInProse(sentence: String, field: String, institution: String) {
        let degrees = extract(paragraph: sentence).claims.compactMap { claim -> Degree? in
            if case .degree(let d) = claim.value { return d }
            return nil
        }
        #expect(degrees.map(\.field) == [field], "\(sentence)")
        #expect(degrees.map(\.institution) == [institution], "\(sentence)")
    }

    @Test("LinkedIn's \"Grado\" card is a bachelor's degree; vocational training's \"Grado Medio\" and a grado in prose are none")
    func gradoCard() {
        let card = extract(
            "<html><body><ul><li><div><h3>Universidad de Sevilla</h3><h4><span>Grado</span> <span>Derecho</span></h4><p><time>2007</time> - <time>2011</time></p></div></li></ul></body></html>"
        ).claims.compactMap { claim -> Degree? in
            if case .degree(let d) = claim.value { return d }
            return nil
        }
        #expect(card.map(\.level) == [.bachelor])
        #expect(card.map(\.field) == ["Derecho"])
        #expect(card.map(\.institution) == ["Universidad de Sevilla"])
        #expect(card.map(\.year) == [2011])
        for sentence in [
            "FP de Grado Medio en Gestión Administrativa (2010).", "Me implico en mayor grado con clientes Pymes.",
            "Ciclo de Grado Superior Asistencia a la Dirección", "FP de Grado Básico Servicios Administrativos", "Alto Grado De Compromiso",
        ] {
            let levels = extract(paragraph: sentence).claims.compactMap { claim -> DegreeLevel? in
                if case .degree(let d) = claim.value { return d.level }
                return nil
            }
            #expect(!levels.contains(.bachelor), "\(sentence)")
        }
    }

    @Test("a legal form in the name of an employer the VA has left is that employer's; the VA's own business keeps its form")
    func formerEmployersForms() {
        let experience = """
            <html><body><section><h2>Experience</h2><ul>
            <li><div><h3>Virtual Assistant</h3><h4>Thompson Admin Ltd</h4><p>Jan 2022 - Present</p></div></li>
            <li><div><h3>Executive Assistant to the Founder</h3><h4>Kestrel Ledger LLC</h4><p>Jun 2020 - Dec 2021</p></div></li>
            </ul></section></body></html>
            """
        #expect(values(.legalForm, extract(experience)) == ["Ltd"])
        let onlyFormer = experience.replacingOccurrences(of: "Thompson Admin Ltd", with: "Self-employed")
        #expect(values(.legalForm, extract(onlyFormer)).isEmpty)
        // The same form in the former employer's name and, later, in the VA's own business.
        let both = experience.replacingOccurrences(of: "Kestrel Ledger LLC", with: "Kestrel Ledger Ltd")
        let reordered = both.replacingOccurrences(of: "<section>", with: "<p>Kestrel Ledger Ltd (2020–2021) taught me the trade.</p><section>")
        #expect(values(.legalForm, extract(both)) == ["Ltd"])
        #expect(values(.legalForm, extract(reordered)) == ["Ltd"])
    }

    @Test("a structured skill names the vocabulary's skills it holds; one that names none is kept as written")
    func structuredSkills() {
        let html = """
            <html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"Person","name":"Ana Ruiz",
            "knowsAbout":["QuickBooks Online","Bookkeeping and payroll","Protección de datos (RGPD)"]}</script></head>
            <body><div class="h-resume"><p class="p-name">Ana Ruiz</p><span class="p-skill">Calendar &amp; inbox management</span></div></body></html>
            """
        let skills = Set(
            PageExtractor(vocabulary: FixturePageTests.vocabulary).extract(
                body: Data(html.utf8), contentType: "text/html; charset=utf-8", url: "https://ana.example/", origin: .website
            ).claims.filter { $0.kind == .skill }.map(\.value.text))
        #expect(skills.isSuperset(of: ["quickbooks-online", "bookkeeping", "payroll", "inbox-management", "Protección de datos (RGPD)"]), "\(skills)")
        #expect(!skills.contains("Bookkeeping and payroll") && !skills.contains("Calendar & inbox management"), "\(skills)")
    }

    @Test("a degree named twice in one phrase (\"Bachelor of Arts - BA\") is one claim; two degrees on a line stay two")
    func degreeNamedTwice() {
        func names(_ line: String) -> [String] {
            extract(paragraph: line).claims.compactMap { claim -> String? in
                if case .degree(let d) = claim.value { return d.name }
                return nil
            }
        }
        #expect(names("Bachelor of Arts - BA Business Administration") == ["Bachelor of Arts"])
        #expect(names("Licenciatura (BA) en Administración, Universidad de Guadalajara") == ["Licenciatura"])
        let twice = extract("<html><body><p>Licenciatura (BA) en Administración, Universidad de Guadalajara</p></body></html>").claims
            .compactMap { claim -> String? in
                if case .degree(let d) = claim.value { return d.institution }
                return nil
            }
        #expect(twice == ["Universidad de Guadalajara"])
        // A field that ends with a degree's word is not cut there, nor does that word become a degree.
        #expect(names("Licenciatura en Enseñanza para Primaria y Secundaria") == ["Licenciatura"])
        #expect(names("BA in Economics, then an MBA in Finance") == ["BA", "MBA"])
        #expect(names("Bachelor's degree in History and a Master's degree in Education") == ["Bachelor's degree", "Master's degree"])
        let fields = extract("<html><body><p>Bachelor's degree in History and a Master's degree in Education</p></body></html>").claims
            .compactMap { claim -> String? in
                if case .degree(let d) = claim.value { return d.field }
                return nil
            }
        #expect(fields == ["History", "Education"])
    }

    @Test("one credential named twice on a page is one claim")
    func credentialRepeats() throws {
        let page = try extractFixture(
            "Fixtures/tests/extract/pages/wordpress-elementor-es.html", url: "https://dtrevino-asistente.mx/", contentType: "text/html; charset=utf-8")
        let names = page.claims.compactMap { claim -> String? in
            if case .credential(let c) = claim.value { return c.name }
            return nil
        }
        #expect(names == ["QuickBooks Online ProAdvisor"])
        #expect(CredentialPatterns.key("Xero Advisor Certification", issuer: "Xero") == CredentialPatterns.key("Xero Advisor", issuer: nil))
        #expect(CredentialPatterns.key("QuickBooks Online ProAdvisor (Intuit)", issuer: "Intuit") == "quickbooks online proadvisor")
        #expect(CredentialPatterns.key("Certificación Google Ads", issuer: "Google") == "google ads")
        #expect(CredentialPatterns.key("Excel 2016", issuer: nil) != CredentialPatterns.key("Word 2016", issuer: nil))
    }

    /// The skills a website page of one paragraph states.
    private func skillsIn(_ sentence: String) -> Set<String> {
        Set(values(.skill, PageExtractor(vocabulary: FixturePageTests.vocabulary).extract(
            body: Data("<html><body><p>\(sentence)</p></body></html>".utf8), contentType: "text/html; charset=utf-8",
            url: "https://anaruiz.example/", origin: .website)))
    }

    @Test(
        "a skill the VA says they do not do is not theirs; a negation addressed to the client, or one that adds, declines nothing",
        arguments: [
            ("I don't send newsletters. Social media management is my focus.", ["social-media-management"]),
            ("No hago contabilidad ni nóminas: solo gestión de agenda.", ["calendar-management"]),
            ("I don't do bookkeeping or payroll, but I do offer calendar management.", ["calendar-management"]),
            ("We do not offer bookkeeping.", []),
            ("No me encargo de la contabilidad.", []),
            ("I'm not a bookkeeper.", []),
            ("Don't let bookkeeping pile up: I'll handle it.", ["bookkeeping"]),
            ("I don't just do bookkeeping: I run payroll too.", ["bookkeeping", "payroll"]),
            ("No solo llevo la contabilidad, también las nóminas.", ["bookkeeping", "payroll"]),
            ("No dudes en pedirme ayuda con la contabilidad.", ["bookkeeping"]),
            ("Di no a la contabilidad desordenada.", ["bookkeeping"]),
            ("i dont do bookkeeping", []),
            ("I won’t take on payroll.", []),
            ("Now offering bookkeeping and payroll.", ["bookkeeping", "payroll"]),
            ("I don't do bookkeeping, I focus on calendar management.", ["calendar-management"]),
            ("No hago nóminas, hago gestión de agenda.", ["calendar-management"]),
            ("I'm not a fan of messy books, so I do bookkeeping.", ["bookkeeping"]),
            ("“No hago nóminas”, dice mi web.", []),
        ])
    func declinedSkills(sentence: String, skills: [String]) {
        #expect(skillsIn(sentence) == Set(skills), "\(sentence)")
    }

    @Test(
        "a skill written as what the VA does for the client (a verb, the client's possessive, what it acts on) is theirs; the VA's own things, or an object that goes on, are not",
        arguments: [
            ("I manage your inbox and calendar so you can focus on clients.", ["inbox-management", "calendar-management"]),
            ("I schedule your meetings and book your travel.", ["calendar-management", "travel-booking"]),
            ("Gestiono tu bandeja de entrada y tu agenda.", ["inbox-management", "calendar-management"]),
            ("Organizo tu agenda y reservo tus viajes.", ["calendar-management", "travel-booking"]),
            ("I take care of your inbox, calendar and travel.", ["inbox-management", "calendar-management", "travel-booking"]),
            ("Me encargo de tus facturas.", ["invoicing"]),
            ("I keep your books up to date.", ["bookkeeping"]),
            ("Atiendo tus llamadas y gestiono tus correos.", ["phone-answering", "inbox-management"]),
            ("I manage your busy schedule.", ["calendar-management"]),
            ("Gestiono tus redes sociales.", ["social-media-management"]),
            ("I look after your e-mail.", ["inbox-management"]),
            ("I answer your customer emails so you don't have to.", ["customer-support"]),
            ("I manage your\u{00A0}inbox.", ["inbox-management"]),
            ("Check my calendar to book a call.", []),
            ("I manage my own calendar.", []),
            ("Your inbox is a mess.", []),
            ("I manage your email marketing campaigns.", ["email-marketing"]),
            ("I don't manage your inbox.", []),
            ("No gestiono tu agenda.", []),
            ("Book your free discovery call.", []),
            ("Book your calls in my calendar.", []),
            ("I manage your Facebook ads.", ["meta-ads"]),
            ("I manage your inbox. Calendar invites come from Calendly.", ["inbox-management", "calendly"]),
            ("I manage your inbox - Book a call", ["inbox-management"]),
            ("Managing your inbox, calendar and travel", ["inbox-management", "calendar-management", "travel-booking"]),
            ("I handle your inbox and calendar management.", ["inbox-management", "calendar-management"]),
            ("I manage your inbox and my calendar.", ["inbox-management"]),
            ("I don't book your travel.", []),
            ("I do not look after your inbox.", []),
            ("No organizo tu agenda.", []),
            ("No atiendo tus llamadas.", []),
            ("I'll respond to your email in 24 hours.", []),
            ("Respondo a tu correo en menos de 24 horas.", []),
            ("So you can take care of your customers.", []),
            ("I manage your email and social media marketing.", ["social-media-management"]),
            ("I manage your Facebook and Instagram ads.", ["meta-ads"]),
            ("Llevo tu web al siguiente nivel.", []),
            ("How to organise your inbox in ten minutes a day", []),
            ("Cómo organizar tu agenda", []),
            ("Manage your appointments online.", []),
            ("Update your website regularly.", []),
            ("You can book your appointments with me.", []),
            ("Puedes gestionar tu agenda desde la app.", []),
            ("I can manage your inbox.", ["inbox-management"]),
            ("I help you manage your inbox.", ["inbox-management"]),
            ("So you can focus on running your online store.", []),
            ("Let me handle your bookkeeping so you can focus on running your online store.", ["bookkeeping"]),
            ("While you focus on growing your business, I manage your inbox.", ["inbox-management"]),
            ("Para que puedas dedicarte a gestionar tus redes sociales.", []),
            ("I'll help you run your online store.", ["ecommerce-management"]),
            ("Do you need help managing your inbox?", ["inbox-management"]),
            ("Do you need someone to manage your inbox?", ["inbox-management"]),
            ("¿Necesitas ayuda para gestionar tu agenda?", ["calendar-management"]),
            ("I book your flight and hotel.", ["travel-booking"]),
            ("Organizo tu viaje de negocios.", ["travel-booking"]),
            ("Agendo tu próxima cita.", ["calendar-management"]),
            ("Book your trip today.", []),
            ("Check my itinerary before you book.", []),
        ])
    func servicesForTheClient(sentence: String, skills: [String]) {
        #expect(skillsIn(sentence) == Set(skills), "\(sentence)")
    }

    @Test("a block's end ends a service's phrase: a heading without a full stop does not run into the next block")
    func servicesEndWithTheirBlock() {
        let html = "<html><body><h1>I manage your inbox and calendar</h1><a href=\"/contact\">Book a call</a>"
            + "<h2>I look after your travel</h2><p>Let's talk</p></body></html>"
        let claims = PageExtractor(vocabulary: FixturePageTests.vocabulary).extract(
            body: Data(html.utf8), contentType: "text/html; charset=utf-8", url: "https://anaruiz.example/", origin: .website)
        #expect(Set(values(.skill, claims)) == ["inbox-management", "calendar-management", "travel-booking"])
    }

    @Test(
        "a skill named as what a reader subscribes to is not one the VA offers; a subscribing word further off is not about it",
        arguments: [
            ("Subscribe to my newsletter for monthly tips.", []),
            ("Sign up for the monthly newsletter", []),
            ("Suscríbete a nuestros boletines informativos.", []),
            ("Únete a mi newsletter gratuita", []),
            ("Join our weekly newsletter!", []),
            ("Apúntate a mis boletines", []),
            ("I write newsletters for coaches.", ["newsletter-writing"]),
            ("I help you sign up new clients with email newsletters.", ["newsletter-writing"]),
            ("Join 200 businesses who trust me with bookkeeping.", ["bookkeeping"]),
            ("Newsletter management and bookkeeping for small firms.", ["newsletter-writing", "bookkeeping"]),
            ("Redacto boletines informativos para tiendas online.", ["newsletter-writing"]),
            ("Subscribe to my bookkeeping tips.", []),
            ("Sign up for social media management in three steps.", ["social-media-management"]),
            ("Subscribe to our monthly bookkeeping plan.", ["bookkeeping"]),
        ])
    func subscribedSkills(sentence: String, skills: [String]) {
        #expect(skillsIn(sentence) == Set(skills), "\(sentence)")
    }

    @Test(
        "the field of a degree named right before it is education, not a skill; a skill after a degree's line or a course is one",
        arguments: [
            ("Máster Gestión Administrativa", []),
            ("Tecnóloga en Gestión Administrativa - SENA (2008)", []),
            ("Bachelor of Science in Accounting, 2014", []),
            ("Tengo un máster en Gestión Administrativa.", []),
            ("Grado en Marketing Digital por la Universidad de Málaga.", []),
            ("MBA. Bookkeeping and payroll for small firms since 2016.", ["bookkeeping", "payroll"]),
            ("Diplomado en Marketing Digital (2021)", ["digital-marketing"]),
            ("Con mi grado ofrezco contabilidad y nóminas.", ["bookkeeping", "payroll"]),
            ("Apoyo administrativo para despachos.", ["administrative-support"]),
            ("BA in Accounting, University of Leeds", []),
            ("Masters in Accounting (2015)", []),
            ("Bookkeeping with a high degree of accuracy.", ["bookkeeping"]),
            ("I am a master of bookkeeping.", ["bookkeeping"]),
            ("No BS bookkeeping for busy founders.", ["bookkeeping"]),
            ("Diez años de carrera en contabilidad.", ["bookkeeping"]),
        ])
    func degreeFields(sentence: String, skills: [String]) {
        #expect(skillsIn(sentence) == Set(skills), "\(sentence)")
    }

    @Test("a newsletter sign-up's heading and lines are not skills; a contact form's, or a long section holding a sign-up, may be")
    func signUpWidgets() {
        func skills(_ body: String) -> Set<String> {
            Set(values(.skill, PageExtractor(vocabulary: FixturePageTests.vocabulary).extract(
                body: Data("<html><body>\(body)</body></html>".utf8), contentType: "text/html; charset=utf-8",
                url: "https://anaruiz.example/", origin: .website)))
        }
        let widget = """
            <aside class="widget"><h2 class="widget-title">Newsletter</h2><p>Un correo al mes con trucos de organización.</p>
            <form class="mc4wp-form" method="post"><input type="email" name="EMAIL"><input type="submit" value="Apuntarme"></form></aside>
            """
        #expect(skills("<main><p>Gestión de agenda para despachos.</p></main><footer>\(widget)</footer>") == ["calendar-management"])
        // A form with an e-mail field for a list, named by the text around it only.
        let plain = "<div><h3>Bookkeeping tips by e-mail</h3><p>Subscribe below.</p><form><input type=\"email\"></form></div>"
        #expect(skills(plain).isEmpty, "\(skills(plain))")
        // A contact form (a text area) is no sign-up: its heading still says what the VA does.
        let contact = "<div><h3>Need bookkeeping help?</h3><form><input type=\"email\"><textarea name=\"message\"></textarea></form></div>"
        #expect(skills(contact) == ["bookkeeping"])
        // A section of services that also holds a sign-up keeps its services.
        let services = "<section><h2>Services</h2><p>" + String(repeating: "Bookkeeping, payroll and newsletter writing for small firms. ", count: 8)
            + "</p><div><p>Get my newsletter</p><form action=\"https://x.list-manage.com/subscribe\"><input name=\"EMAIL\"></form></div></section>"
        #expect(skills(services) == ["bookkeeping", "payroll", "newsletter-writing"])
        // A short footer that holds a sign-up keeps the skills it states beside the widget.
        let footer = "<footer><p>Bookkeeping for small firms.</p><div><h4>Newsletter</h4><form class=\"newsletter\"><input type=\"email\"></form></div></footer>"
        #expect(skills(footer) == ["bookkeeping"])
        // Spanish words of a list, accented: "Suscríbete".
        let spanish = "<div><h4>Consejos de contabilidad</h4><p>Suscríbete:</p><form><input type=\"email\" name=\"correo\"></form></div>"
        #expect(skills(spanish).isEmpty, "\(skills(spanish))")
        // A script beside a log-in form that names Mailchimp does not make it a sign-up.
        let script = "<div><p>Bookkeeping clients: log in</p><script>loadMailchimp()</script><form><input type=\"email\"></form></div>"
        #expect(skills(script) == ["bookkeeping"])
        // An e-mail field not said to be for a list (a log-in) leaves its part alone.
        let login = "<div><p>Bookkeeping clients: log in</p><form><input type=\"email\"><input type=\"password\"></form></div>"
        #expect(skills(login) == ["bookkeeping"])
    }

    @Test("a webmention's notice (\"Mentioned in …\") is not a testimonial; a quotation that starts alike may be")
    func mentionNotices() {
        func testimonials(_ quote: String) -> [String] {
            values(.testimonial, extract("<html><body><blockquote><p>\(quote)</p></blockquote></body></html>"))
        }
        #expect(testimonials("Mentioned in “Five freelancer résumés done right”.").isEmpty)
        #expect(testimonials("Mencionada en «Diez asistentes virtuales que recomendamos».").isEmpty)
        #expect(testimonials("Reposted this to the EA community board last week.").isEmpty)
        #expect(testimonials("Jo Hargreaves reposted this on the freelancers' board, 6 Oct 2024").isEmpty)
        let kept = "Mentioned her to every founder I know: Ana runs my inbox better than I ever did."
        #expect(testimonials(kept) == [kept])
    }

    @Test("a privacy, cookie or legal page states no skills; a page whose name only holds such a word may")
    func skillsOnLegalPages() {
        let body = Data("<html><body><p>Guardo tu dirección de facturación el tiempo que exige la contabilidad.</p></body></html>".utf8)
        func skills(_ url: String) -> [String] {
            values(.skill, PageExtractor(vocabulary: FixturePageTests.vocabulary).extract(
                body: body, contentType: "text/html; charset=utf-8", url: url, origin: .website))
        }
        for url in [
            "https://ana.example/politica-de-privacidad/", "https://ana.example/aviso-legal", "https://ana.example/privacy-policy.html",
            "https://ana.example/legal/cookies", "https://ana.example/terminos-y-condiciones", "https://ana.example/terms-of-service/",
            "https://ana.example/legal",
        ] {
            #expect(skills(url).isEmpty, "\(url): \(skills(url))")
        }
        for url in [
            "https://ana.example/", "https://ana.example/servicios/asistencia-legal", "https://ana.example/paralegal",
            "https://ana.example/servicios/legal",
        ] {
            #expect(skills(url).contains("bookkeeping"), "\(url): \(skills(url))")
        }
    }

    @Test("a skill named in an address or in the site builder's credit is not the VA's")
    func skillMentionsInAddressesAndCredits() {
        let vocabulary = FixturePageTests.vocabulary
        let page = PageExtractor(vocabulary: vocabulary).extract(
            body: Data(
                """
                <html><body><p>Escríbeme a ana.ruiz@gmail.com o visita https://canva.com/ana</p>
                <footer><p>© 2025 Ana Ruiz. Powered and secured by Wix</p></footer></body></html>
                """.utf8), contentType: "text/html; charset=utf-8", url: "https://anaruiz.example/", origin: .website)
        #expect(values(.skill, page).isEmpty, "\(values(.skill, page))")
        let plain = PageExtractor(vocabulary: vocabulary).extract(
            body: Data("<html><body><p>I manage Gmail inboxes, build Wix sites and design in Canva (G Suite/Gmail).</p></body></html>".utf8),
            contentType: "text/html; charset=utf-8", url: "https://anaruiz.example/", origin: .website)
        #expect(Set(values(.skill, plain)).isSuperset(of: ["gmail", "wix", "canva"]), "\(values(.skill, plain))")
    }

    @Test(
        "a page's heading is a name when it reads as one, not a greeting",
        arguments: [
            ("María I. Gómez", "María I. Gómez"), ("Hi, I'm Jordan Reyes", nil), ("I am Jordan Reyes", nil),
            ("Hola, soy Ana Ruiz", nil), ("Jordan Reyes | Virtual Assistant", "Jordan Reyes"),
        ] as [(String, String?)])
    func headingNames(heading: String, name: String?) {
        let page = extract("<html><body><h1>\(heading)</h1></body></html>")
        #expect(values(.name, page) == (name.map { [$0] } ?? []), "\(heading)")
    }

    @Test("survives empty and non-HTML input")
    func emptyInput() {
        let empty = PageExtractor().extract(body: Data(), contentType: nil, url: "https://va.test/", origin: .website)
        #expect(empty.claims.isEmpty)
        #expect(!empty.diagnostics.isEmpty)
        let binary = PageExtractor().extract(
            body: Data((0..<4096).map { UInt8($0 % 256) }), contentType: "text/html", url: "https://va.test/",
            origin: .website)
        #expect(binary.claims.isEmpty)
    }
}

@Suite("charset choice")
struct CharsetTests {
    @Test(
        "maps labels the WHATWG way",
        arguments: [
            ("text/html; charset=iso-8859-1", "WINDOWS-1252"), ("text/html; charset=\"Latin1\"", "WINDOWS-1252"),
            ("text/html;charset=utf-8", "UTF-8"), ("text/html", nil),
        ])
    func labels(contentType: String, expected: String?) {
        #expect(Charset.encoding(for: Data("<p>x</p>".utf8), contentType: contentType) == expected)
    }

    @Test(
        "reads a page's own declaration and first bytes when the header says nothing",
        arguments: [
            (#"<html><head><meta charset="ISO-8859-1">"#, "WINDOWS-1252"),
            (#"<html><head><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1251">"#, "WINDOWS-1251"),
            (#"<html><head><meta http-equiv=Content-Type content=text/html;charset=koi8-r>"#, "KOI8-R"),
            (#"<html><head><meta name="x" content="charset=koi8-r">"#, nil),  // no http-equiv
            (#"<html><head><meta charset="utf-16">"#, "UTF-8"),  // read as ASCII, so not UTF-16
            (#"<html><head><meta charset="utf-7">"#, nil),  // not an encoding browsers read
            ("<?x", nil),
        ])
    func declared(head: String, expected: String?) {
        #expect(Charset.encoding(for: Data((head + "</head><body></body></html>").utf8), contentType: nil) == expected)
    }

    @Test("labels browsers do not know count as none; UTF-16 and UCS-4 first bytes are guessed as libxml2 would")
    func unknownLabelsAndSniffing() {
        #expect(Charset.encoding(for: Data("<p>x</p>".utf8), contentType: "text/html; charset=utf-7") == nil)
        #expect(Charset.encoding(for: Data("<p>x</p>".utf8), contentType: "text/html; charset=IBM037") == nil)
        #expect(Charset.encoding(for: Data([0x3C, 0x00, 0x3F, 0x00, 0x78, 0x00]), contentType: nil) == "UTF-16LE")
        #expect(Charset.encoding(for: Data([0x00, 0x3C, 0x00, 0x3F, 0x00, 0x78]), contentType: nil) == "UTF-16BE")
        #expect(Charset.encoding(for: Data([0x3C, 0x00, 0x00, 0x00, 0x68, 0x00]), contentType: nil) == "UTF-8")
    }

    @Test("a page labelled Latin-1 is read to its end past the bytes Windows-1252 leaves undefined")
    func undefinedWindows1252Bytes() {
        // A UTF-8 page served as Latin-1: its "”" (E2 80 9D) holds 0x9D, where iconv stops.
        let html = "<html><body><p>“Asistente” de confianza</p><p>I have 12 years of experience.</p></body></html>"
        let page = PageExtractor().extract(body: Data(html.utf8), contentType: "text/html; charset=iso-8859-1", url: "https://va.test/", origin: .website)
        #expect(page.claims.contains { $0.kind == .experienceYears && $0.value == .number(12) })
        #expect(Charset.windows1252ToUTF8(Data([0x80, 0x9D, 0x41, 0xE9])) == Data("€\u{9D}Aé".utf8))
    }

    @Test("a UTF-8 byte-order mark wins over the header")
    func bom() {
        #expect(Charset.encoding(for: Data([0xEF, 0xBB, 0xBF, 0x3C]), contentType: "text/html; charset=iso-8859-1") == "UTF-8")
    }

    @Test("Windows-1252 characters in a page labelled Latin-1 decode right")
    func windows1252() {
        // “Precio” – 5 € … in cp1252 bytes
        var bytes = Array("<html><body><p>".utf8)
        bytes += [0x93] + Array("Precio".utf8) + [0x94, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80, 0x85]
        bytes += Array("</p></body></html>".utf8)
        let document = HTMLDocument(data: Data(bytes), url: "https://va.test/", encoding: "WINDOWS-1252")
        let text = document?.visibleTextBlocks().map(\.text).joined()
        #expect(text == "“Precio” – 5 €…")
    }
}
