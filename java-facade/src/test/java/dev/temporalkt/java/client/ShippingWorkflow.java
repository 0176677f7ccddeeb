package dev.temporalkt.java.client;

import dev.temporalkt.workflow.Query;
import dev.temporalkt.workflow.Signal;
import dev.temporalkt.workflow.Update;
import dev.temporalkt.workflow.Workflow;
import dev.temporalkt.workflow.WorkflowRun;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A Java workflow interface annotated with the same annotations Kotlin workflows use. */
@Workflow(name = "Shipping")
public interface ShippingWorkflow {
  @WorkflowRun
  CompletableFuture<List<Parcel>> run(Shipment shipment, int priority);

  @Signal(name = "hold")
  void hold(String reason);

  @Signal
  void release();

  @Query
  String status();

  @Query(name = "parcelsOf")
  List<Parcel> parcels(String sku);

  @Update
  int addParcel(Parcel parcel);

  @Update(name = "clear")
  void clearParcels();

  /** Not annotated: not a workflow method. */
  String helper();
}
