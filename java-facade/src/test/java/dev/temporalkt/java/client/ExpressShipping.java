package dev.temporalkt.java.client;

import dev.temporalkt.workflow.Workflow;
import dev.temporalkt.workflow.WorkflowRun;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An implementation class: its methods inherit the annotations of the interface they implement; the class-level
 * annotation without a name takes the simple name.
 */
@Workflow
public class ExpressShipping implements ShippingWorkflow {
  @Override
  public CompletableFuture<List<Parcel>> run(Shipment shipment, int priority) {
    return CompletableFuture.completedFuture(shipment.parcels());
  }

  @Override
  public void hold(String reason) {}

  @Override
  public void release() {}

  @Override
  public String status() {
    return "";
  }

  @Override
  public List<Parcel> parcels(String sku) {
    return List.of();
  }

  @Override
  public int addParcel(Parcel parcel) {
    return 0;
  }

  @Override
  public void clearParcels() {}

  @Override
  public String helper() {
    return "";
  }

  /** Static methods are no workflow methods. */
  public static String describe(String what) {
    return what;
  }

  /** A run method of a class without @Workflow on any type. */
  public static class Unannotated {
    @WorkflowRun
    public String run() {
      return "";
    }
  }
}
