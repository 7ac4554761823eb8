package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin page in a real headless Chromium (Debian's {@code chromium} through its
 * {@code chromedriver}, driven with Selenium), against the real runtime in a process of its own
 * with its shell on a pipe: the page lists the example apps and draws every app in the graph; a
 * bundle stopped in the shell changes its row without a reload; disabling from the page is refused
 * without the admin token and works with it. A screenshot of the page is kept in
 * {@code target/admin-page.png}. Without Chromium the tests fail, saying what to install.
 */
public class AdminPageBrowserIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String[] EXAMPLES = {"auth", "blog", "markdown", "notes", "polls"};
    private static Path dir;
    private static HomeShell shell;
    private static WebDriver browser;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeClass
    public static void startRuntimeAndBrowser() throws Exception {
        dir = HomeIT.fresh("AdminPageBrowserIT");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        shell = HomeShell.start(dir, List.of("-Dorg.osgi.service.http.port=" + port));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")), "--window-size=1280,1200");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("chromedriver"))).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    /** The program on the PATH; fails (never skips) naming the Debian packages when it is not there. */
    private static String executable(String name) {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(folder, name);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        fail(name + " is not installed: the admin page's browser tests need Debian's chromium and chromium-driver"
                + " ('apt-get install chromium chromium-driver'; .ci/run installs them)");
        return null;
    }

    @AfterClass
    public static void stopBrowserAndRuntime() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (shell != null) {
            shell.close();
        }
    }

    @Before
    public void openThePage() {
        browser.get(base + "/tessera/");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        awaitPage("every example app READY", () -> examplesIn("READY"));
    }

    private boolean examplesIn(String state) {
        for (String label : EXAMPLES) {
            if (!state.equals(stateInRow(label))) {
                return false;
            }
        }
        return true;
    }

    private String stateInRow(String label) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#apps tbody tr[data-label='" + label + "'] .state"));
        return rows.size() == 1 ? rows.get(0).getText() : rows.size() + " rows";
    }

    private String cell(String label, String cssClass) {
        // a live update may replace the row between finding the cell and reading it: read the new one then
        for (int attempt = 1;; attempt++) {
            try {
                return browser.findElement(By.cssSelector("#apps tbody tr[data-label='" + label + "'] ." + cssClass)).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                if (attempt == 100) {
                    throw replaced;
                }
            }
        }
    }

    private void awaitPage(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, DEADLINE).pollingEvery(Duration.ofMillis(20)).withMessage(() -> what + "; the page shows: "
                + browser.findElement(By.id("apps")).getText() + " / message: " + browser.findElement(By.id("message")).getText())
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(Path.of("target").resolve(name), png);
    }

    @Test
    public void thePageListsTheExampleAppsTheirModelsAndDrawsEveryAppInTheGraph() throws Exception {
        for (String label : EXAMPLES) {
            assertEquals("io.tessera.example." + label, cell(label, "name"));
            assertEquals("yes", cell(label, "flag"));
            assertEquals("", cell(label, "reason"));
        }
        Map<String, String> nodes = new TreeMap<>();
        for (WebElement n : browser.findElements(By.cssSelector("#graph g.node"))) {
            nodes.put(n.getAttribute("data-label"), n.getAttribute("data-state"));
        }
        assertEquals(Map.of("auth", "READY", "blog", "READY", "markdown", "READY", "notes", "READY", "polls", "READY"), nodes);
        List<String> edges = browser.findElements(By.cssSelector("#graph path.edge")).stream()
                .map(e -> e.getAttribute("data-from") + "->" + e.getAttribute("data-to")).sorted().toList();
        assertEquals(List.of("blog->auth", "notes->auth"), edges);
        assertFalse(browser.findElements(By.cssSelector("#models [data-model='blog.Post']")).isEmpty());
        assertTrue(browser.findElement(By.id("models")).getText().contains("author: long → auth.User"));
        assertEquals("No problems.", browser.findElement(By.id("deploy")).getText());
        assertEquals("live", browser.findElement(By.id("live")).getText());
        screenshot("admin-page.png");
    }

    @Test
    public void aBundleStoppedInTheShellChangesItsRowWithoutAReload() throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.tesseraTestMark = 'not reloaded'");
        String id = shell.bundles().get("io.tessera.example.notes").split(" ")[0];
        shell.run("stop " + id);
        try {
            long stopped = System.nanoTime();
            awaitPage("the notes row shows STOPPED", () -> "STOPPED".equals(stateInRow("notes")));
            long millis = (System.nanoTime() - stopped) / 1_000_000;
            System.out.println("AdminPageBrowserIT: the row changed " + millis + " ms after 'stop' returned in the shell");
            assertEquals("not reloaded", js.executeScript("return window.tesseraTestMark"));
            assertFalse(cell("notes", "reason").isEmpty());
            awaitPage("the graph shows notes STOPPED", () -> "STOPPED".equals(browser.findElement(
                    By.cssSelector("#graph g.node[data-label='notes']")).getAttribute("data-state")));
        } finally {
            shell.run("start " + id); // the other tests start from every example READY
        }
        awaitPage("the notes row shows READY again", () -> "READY".equals(stateInRow("notes")));
        assertEquals("not reloaded", js.executeScript("return window.tesseraTestMark"));
    }

    @Test
    public void aProblemInTheDeployFolderShowsWithoutAReload() throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.tesseraTestMark = 'not reloaded'");
        Path junk = dir.resolve("home/deploy/junk.jar");
        Files.writeString(junk, "not a zip");
        try {
            awaitPage("the deploy folder's problem shows", () -> browser.findElement(By.id("deploy")).getText()
                    .startsWith("ERROR: deploy: junk.jar: not a zip file, so not a jar"));
        } finally {
            Files.delete(junk);
        }
        awaitPage("the problem is gone", () -> browser.findElement(By.id("deploy")).getText().equals("No problems."));
        assertEquals("not reloaded", js.executeScript("return window.tesseraTestMark"));
    }

    private void useToken(String token) {
        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.cssSelector("#token-form button")).click();
    }

    private void clickToggle(String label) {
        browser.findElement(By.cssSelector("#apps tbody tr[data-label='" + label + "'] button.toggle")).click();
    }

    private String message() {
        return browser.findElement(By.id("message")).getText();
    }

    @Test
    public void disablingFromThePageIsRefusedWithoutTheTokenAndWorksWithIt() throws Exception {
        Path tokenFile = dir.resolve("home/etc/io.tessera.web.token");
        String token = Files.readString(tokenFile).trim();

        clickToggle("polls");
        awaitPage("the page says the token is needed", () -> message().startsWith("This change needs the admin token"));
        assertEquals("READY", stateInRow("polls"));

        useToken("not-the-token-0123456789");
        clickToggle("polls");
        awaitPage("the page says the token is wrong", () -> message().equals("Wrong admin token: use the one in " + tokenFile + "."));
        assertEquals("READY", stateInRow("polls"));
        assertTrue(apiApp("polls").contains("\"enabled\":true"));

        useToken(token);
        clickToggle("polls");
        awaitPage("polls is DISABLED", () -> "DISABLED".equals(stateInRow("polls")) && "no".equals(cell("polls", "flag")));
        assertEquals("polls is disabled (DISABLED).", message());
        assertTrue(shell.run("apps:list").matches("(?s).*polls\\s.*DISABLED.*"));
        screenshot("admin-page-disabled.png");
        clickToggle("polls");
        awaitPage("polls is READY again", () -> "READY".equals(stateInRow("polls")) && "yes".equals(cell("polls", "flag")));
    }

    private static String apiApp(String label) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/tessera/api/apps/" + label)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    @Test
    public void theTokenIsGeneratedOwnerOnlyAndPrintedOnceOnTheConsoleOnly() throws Exception {
        Path tokenFile = dir.resolve("home/etc/io.tessera.web.token");
        String token = Files.readString(tokenFile).trim();
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        String out = shell.process().out();
        Matcher m = Pattern.compile("Tessera web: admin token generated into (\\S+) \\(shown only this once\\): (\\S+)").matcher(out);
        assertTrue(out, m.find());
        assertEquals(tokenFile.toString(), m.group(1));
        assertEquals(token, m.group(2));
        assertEquals("printed once", out.indexOf(token), out.lastIndexOf(token));
        assertFalse("never on standard error", shell.process().err().contains(token));
        Path log = dir.resolve("home/log/tessera.log");
        assertFalse("never in the log", Files.exists(log) && Files.readString(log).contains(token));
    }
}
