package dev.temporalkt.java.e2e;

import dev.temporalkt.workflow.Query;
import dev.temporalkt.workflow.Signal;
import dev.temporalkt.workflow.Update;
import dev.temporalkt.workflow.Workflow;
import dev.temporalkt.workflow.WorkflowRun;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The order workflow as Java code sees it: an interface with the annotations Kotlin workflows use, its run and update
 * methods returning futures as Java workflows do. The workers of these tests run its Kotlin implementation,
 * {@code OrdersWorkflowImpl}, registered under the same names.
 */
@Workflow(name = "JavaOrders")
public interface OrderWorkflow {
  @WorkflowRun
  CompletableFuture<List<Order>> run(OrderRequest request);

  @Signal
  void approve(String by);

  @Query
  String status();

  @Query(name = "tenant")
  String tenantHeader();

  @Update
  CompletableFuture<Integer> addItem(Order item);
}
