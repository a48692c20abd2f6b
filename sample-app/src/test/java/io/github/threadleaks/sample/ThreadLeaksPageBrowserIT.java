package io.github.threadleaks.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.v156.log.Log;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The page in a real browser (Debian's Chromium, headless, driven by Selenium) against the
 * running sample app: the suspect is there with its frame, the flame graph has its boxes and
 * names a frame on hover, a diff page shows the growth, hostile thread and snapshot names
 * started by this test in the app's JVM show as text with no script run, and the browser's
 * console stays free of errors (a blocked inline style or script would be one). Screenshots
 * land in {@code target/} for people to look at.
 */
@NoThreadLeaks
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "threadleaks.sampling.interval=500ms", "threadleaks.detection.window=6s",
				"threadleaks.endpoint.min-dump-interval=0s" })
class ThreadLeaksPageBrowserIT {

	private static final String SCRIPT_NAME = "<script>alert(1)</script>";

	private static final String ATTRIBUTE_NAME = "\"><img src=x onerror=alert(1)>";

	private static final Path SCREENSHOTS = Path.of("target");

	@LocalServerPort
	private int port;

	@Autowired
	private UnfedQueueScenario unfedQueue;

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Thread> hostile = new ArrayList<>();

	private final List<String> consoleProblems = new CopyOnWriteArrayList<>();

	private ChromeDriver browser;

	@BeforeEach
	void openBrowser() {
		Path chromium = Tools.require("chromium");
		Path chromedriver = Tools.require("chromedriver");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		// the closed network of this machine refuses Chromium's own background connections
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1400,2600");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
		DevTools devTools = this.browser.getDevTools();
		devTools.createSession();
		devTools.getDomains().events().addConsoleListener((entry) -> {
			if (entry.getType().toString().matches("(?i)error|assert")) {
				this.consoleProblems.add(entry.getType() + ": " + entry.getMessages());
			}
		});
		devTools.getDomains().events().addJavascriptExceptionListener((ex) -> this.consoleProblems.add(ex.toString()));
		devTools.getDomains().log().enable();
		devTools.addListener(Log.entryAdded(), (entry) -> {
			if (entry.getLevel().toString().equalsIgnoreCase("error")) {
				this.consoleProblems.add(entry.getSource() + ": " + entry.getText());
			}
		});
	}

	@AfterEach
	void close() throws InterruptedException {
		if (this.browser != null) {
			this.browser.quit();
		}
		this.release.countDown();
		for (Thread thread : this.hostile) {
			thread.join(10_000);
		}
		this.unfedQueue.release();
	}

	@Test
	void thePageShowsTheLeakItsFlameGraphAndItsDiffAndNoNameEverRunsAsMarkup() throws IOException {
		Http http = new Http(this.port);
		String snapshot = Http.json(http.post("/actuator/threadleaks", "application/json",
				"{\"name\":\"" + SCRIPT_NAME.replace("\"", "\\\"") + "\"}"))
			.get("id")
			.asString();
		startHostileThread(SCRIPT_NAME);
		startHostileThread(ATTRIBUTE_NAME);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(400)).until(() -> {
			http.post("/leaks/unfed-queue?count=1", null, null);
			return hasSuspect(http, "order-listener-#");
		});

		this.browser.get("http://127.0.0.1:" + this.port + "/actuator/threadleaks");
		WebElement suspects = this.browser.findElement(By.id("suspects"));
		assertThat(suspects.getText()).contains("order-listener-#", "blocked in",
				"java.util.concurrent.LinkedBlockingQueue.take(");
		List<WebElement> boxes = this.browser.findElements(By.cssSelector("#flame svg.flame g.box"));
		assertThat(boxes).hasSizeGreaterThan(10);
		WebElement take = this.browser.findElements(By.cssSelector("#flame svg.flame g.box"))
			.stream()
			.filter((box) -> title(box).startsWith("java.util.concurrent.LinkedBlockingQueue.take("))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no box for LinkedBlockingQueue.take"));
		assertThat(title(take)).containsPattern(" \u2014 [0-9]+ threads? \\(WAITING [0-9]+\\)");
		WebElement rect = take.findElement(By.tagName("rect"));
		String strokeBefore = rect.getCssValue("stroke-width");
		new Actions(this.browser).moveToElement(rect).perform();
		await().atMost(Duration.ofSeconds(5)).until(() -> !rect.getCssValue("stroke-width").equals(strokeBefore));
		WebElement groups = this.browser.findElement(By.id("groups"));
		assertThat(groups.getText()).contains(SCRIPT_NAME, ATTRIBUTE_NAME);
		assertNoMarkupFromNames();
		screenshot("threadleaks-page.png");

		this.browser.get("http://127.0.0.1:" + this.port + "/actuator/threadleaks/" + snapshot);
		assertThat(this.browser.findElement(By.tagName("header")).getText()).contains("from snapshot " + snapshot,
				SCRIPT_NAME);
		assertThat(this.browser.findElements(By.cssSelector("#growth svg.flame g.box"))).isNotEmpty();
		assertThat(this.browser.findElement(By.id("changes")).getText()).contains("order-listener-#")
			.containsPattern("\\+[1-9][0-9]* [0-9]+ [0-9]+ order-listener-#");
		assertNoMarkupFromNames();
		screenshot("threadleaks-diff.png");

		assertThat(this.consoleProblems).as("errors in the browser console").isEmpty();
	}

	private void assertNoMarkupFromNames() {
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> this.browser.switchTo().alert());
		assertThat(this.browser.findElements(By.tagName("script"))).isEmpty();
		assertThat(this.browser.findElements(By.cssSelector("img"))).isEmpty();
	}

	private static String title(WebElement box) {
		return box.findElement(By.tagName("title")).getAttribute("textContent");
	}

	private static boolean hasSuspect(Http http, String pool) {
		JsonNode report = Http.json(http.get("/actuator/threadleaks", "application/json"));
		for (JsonNode suspect : report.get("suspects")) {
			if (pool.equals(suspect.get("pool").asString())) {
				return true;
			}
		}
		return false;
	}

	private void startHostileThread(String name) {
		Thread thread = new Thread(() -> {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		this.hostile.add(thread);
	}

	private void screenshot(String file) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(file), this.browser.getScreenshotAs(OutputType.BYTES));
	}

}
