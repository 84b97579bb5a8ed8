package org.jqga.commands.info.internal;

/**
 * qemu-ga's GuestDiskAddress: where a disk hangs on the (virtual) hardware. PCI members are -1 when unknown;
 * bus, target and unit are 0 unless the bus type defines them.
 *
 * @param busType one of qemu-ga's GuestDiskBusType values: ide, scsi, virtio, sata, nvme, usb, unknown, ...
 */
public record DiskAddress(PciAddress pciController, String busType, long bus, long target, long unit,
                          String serial, String dev, CcwAddress ccwAddress) {

    public record PciAddress(long domain, long bus, long slot, long function) {

        static final PciAddress UNKNOWN = new PciAddress(-1, -1, -1, -1);
    }

    /** s390 channel I/O address. */
    public record CcwAddress(long cssid, long ssid, long subchno, long devno) {
    }
}
