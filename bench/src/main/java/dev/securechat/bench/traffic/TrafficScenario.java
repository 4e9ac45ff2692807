package dev.securechat.bench.traffic;

import dev.securechat.bench.load.Account;
import dev.securechat.bench.report.BenchReport;
import dev.securechat.bench.report.Environment;
import dev.securechat.bench.servers.ServerUnderTest;
import dev.securechat.bench.support.FileLimit;
import dev.securechat.bench.support.LoadOptions;
import dev.securechat.bench.support.RunOptions;
import dev.securechat.bench.support.ScratchDir;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The common frame of the relay and broadcast commands: raise the file limit, start (or find) the
 * server, run the load, stop the server, print the tables and write the JSON report.
 *
 * @param sentWhat what a sender sends, for the table ("messages", "broadcasts")
 * @param deliveredWhat what a receiver gets ("deliveries")
 */
public record TrafficScenario(
    String scenario, String header, String sentWhat, String deliveredWhat) {

  /**
   * @param plan the plan, given every account's username
   * @param parameters the report's parameters, given the load parameters and the plan
   * @return the exit code: 0 when the run was clean
   */
  public int run(
      RunOptions run,
      LoadOptions load,
      int clients,
      Function<List<String>, Plan> plan,
      BiFunction<LoadOptions.Parameters, Plan, Record> parameters)
      throws Exception {
    FileLimit.Result limit = load.raiseFileLimit(clients);
    Instant started = Instant.now();
    Environment environment = Environment.current();
    TrafficResults results;
    Record recorded;
    try (ScratchDir scratch = ScratchDir.create(run.dir(), scenario, run.keep())) {
      ServerUnderTest server = load.server(scratch, clients);
      try {
        Plan p = plan.apply(server.accounts().stream().map(Account::username).toList());
        recorded = parameters.apply(load.parameters(clients, server, limit), p);
        results =
            new TrafficRun(
                    server,
                    p,
                    new TrafficRun.Settings(
                        load.clientThreads(), load.connectConcurrency(), run.progressSeconds()))
                .run();
      } finally {
        server.close();
      }
      results = results.withServerLog(server.log().orElse(null));
    }
    System.out.printf("%n%s: %s%n%n", scenario, header);
    System.out.print(results.table(sentWhat, deliveredWhat).render());
    System.out.println();
    System.out.print(results.sendToDeliver().table("send -> deliver").render());
    System.out.println();
    System.out.print(results.sendToStored().table("send -> Stored").render());
    System.out.println();
    System.out.print(results.threads().render());
    if (results.serverLog() != null) {
      results.serverLog().excerpt().forEach(line -> System.out.println("server log: " + line));
    }
    Path json = run.json(scenario);
    new BenchReport(scenario, started, environment, recorded, results).writeJson(json);
    System.out.println("\nJSON: " + json);
    return results.clean() ? 0 : 1;
  }
}
