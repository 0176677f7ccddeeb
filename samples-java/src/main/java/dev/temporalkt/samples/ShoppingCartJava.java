package dev.temporalkt.samples;

import dev.temporalkt.activity.Activity;
import dev.temporalkt.failure.WorkflowUpdateFailedException;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.function.AsyncFunc2;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.workflow.Query;
import dev.temporalkt.workflow.Update;
import dev.temporalkt.workflow.UpdateValidator;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A shopping cart with updates and validators: each {@code addItem} update looks the price up with an activity and
 * returns the cart's new total to the caller; its validator rejects a bad item before anything is written to the
 * workflow's history; a {@code checkout} update ends the cart.
 *
 * <p>Run: {@code mvn -B -q -pl samples-java exec:java -Dexec.mainClass=dev.temporalkt.samples.ShoppingCartJava}
 * (on the embedded test server; see {@link SampleEnvironment} for a real server).
 */
public final class ShoppingCartJava {
    static final String TASK_QUEUE = "shopping-cart-java";

    private ShoppingCartJava() {
    }

    /** What the customer adds. */
    public record Item(String sku, int quantity) {
    }

    /** A line of the cart, priced. */
    public record Line(String sku, int quantity, int priceCents) {
    }

    /** What checkout returns. */
    public record Order(String customer, List<Line> lines, int totalCents) {
    }

    /** Prices items from a catalogue (a real one would call a pricing service). */
    public static class PricingActivities {
        private static final Map<String, Integer> CATALOGUE = Map.of("apple", 40, "bread", 250, "coffee", 899);

        @Activity
        public int unitPriceCents(String sku) {
            Integer price = CATALOGUE.get(sku);
            if (price == null) throw new IllegalArgumentException("no price for " + sku);
            return price;
        }
    }

    /** The cart: state changed only by updates, read by a query. */
    @WorkflowInterface
    public static class CartWorkflow {
        private static final ActivityOptions PRICING = ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(10)).build();
        private final List<Line> lines = new ArrayList<>();
        private boolean checkedOut;

        @WorkflowRun
        public CompletableFuture<Order> run(String customer) {
            // finish the updates in flight before completing, so that their callers get their results
            return Workflow.await(() -> checkedOut)
                .thenCompose(done -> Workflow.await(Workflow::allHandlersFinished))
                .thenApply(done -> new Order(customer, List.copyOf(lines), total()));
        }

        @Update
        public CompletableFuture<Integer> addItem(Item item) {
            return Workflow.executeActivity(PricingActivities::unitPriceCents, item.sku(), PRICING).thenApply(unitPrice -> {
                lines.add(new Line(item.sku(), item.quantity(), unitPrice * item.quantity()));
                return total();
            });
        }

        /** Runs before the update is accepted; throwing rejects it, and the history does not record it. */
        @UpdateValidator(updateName = "addItem")
        public void validateAddItem(Item item) {
            if (checkedOut) throw new IllegalStateException("the cart is checked out already");
            if (item.quantity() <= 0) throw new IllegalArgumentException("the quantity must be positive, was " + item.quantity());
        }

        @Update
        public int checkout() {
            checkedOut = true;
            return total();
        }

        @UpdateValidator(updateName = "checkout")
        public void validateCheckout() {
            if (lines.isEmpty()) throw new IllegalStateException("the cart is empty");
        }

        @Query
        public List<Line> lines() {
            return lines;
        }

        private int total() {
            return lines.stream().mapToInt(Line::priceCents).sum();
        }
    }

    /** What the sample shows: the order and why the rejected updates were rejected. */
    public record Outcome(String workflowId, Order order, List<String> rejections) {
    }

    /** Fills a cart with updates (one of them rejected by its validator) and checks out. */
    public static Outcome run(SampleEnvironment environment) {
        TemporalClient client = environment.client();
        try (Worker worker = Worker.newBuilder(client, TASK_QUEUE)
                .addWorkflowClass(CartWorkflow.class)
                .addActivities(new PricingActivities())
                .build().start()) {
            WorkflowOptions options = WorkflowOptions.newBuilder()
                .id(SampleEnvironment.workflowId("cart")).taskQueue(TASK_QUEUE).build();
            WorkflowHandle<Order> cart = client.startWorkflow(CartWorkflow::run, "ada", options).join();
            System.out.println("Started workflow " + cart.getWorkflowId());
            List<String> rejections = new ArrayList<>();
            // on the time-skipping test server, an update must not wait while the server skips time
            environment.whileUserActs(() -> {
                for (Item item : List.of(new Item("apple", 6), new Item("bread", 0), new Item("coffee", 1))) {
                    if (item.quantity() <= 0) {
                        rejections.add(rejection(cart, CartWorkflow::addItem, item, "addItem(" + item.sku() + " x" + item.quantity() + ")"));
                        continue;
                    }
                    int total = cart.executeUpdate(CartWorkflow::addItem, item).join();
                    System.out.println("  addItem(" + item.sku() + " x" + item.quantity() + ") -> total " + cents(total));
                }
                System.out.println("  lines: " + cart.query(CartWorkflow::lines).join());
                System.out.println("  checkout() -> total " + cents(cart.executeUpdate(CartWorkflow::checkout).join()));
                return null;
            });
            Order order = cart.getResult().join();
            System.out.println("Result: " + order);
            return new Outcome(cart.getWorkflowId(), order, rejections);
        }
    }

    private static String rejection(WorkflowHandle<Order> cart, AsyncFunc2<CartWorkflow, Item, Integer> update,
                                    Item item, String call) {
        return describeRejection(() -> cart.executeUpdate(update, item).join(), call);
    }

    private static String describeRejection(Runnable update, String call) {
        try {
            update.run();
            throw new IllegalStateException(call + " was accepted");
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof WorkflowUpdateFailedException failed)) throw e;
            String reason = failed.getCause().getMessage();
            System.out.println("  " + call + " rejected: " + reason);
            return reason;
        }
    }

    private static String cents(int cents) {
        return String.format("%d.%02d", cents / 100, cents % 100);
    }

    public static void main(String[] args) {
        SampleEnvironment.run(ShoppingCartJava::run);
    }
}
