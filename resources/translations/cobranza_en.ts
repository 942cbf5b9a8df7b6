<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CustomersView</name>
    <message numerus="yes">
        <location filename="../../app/ui/views/customers.py" line="+110"/>
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message numerus="yes">
        <location filename="../../app/ui/views/dashboard.py" line="+95"/>
        <source>%n item(s), largest first</source>
        <translation>
            <numerusform>%n item, largest first</numerusform>
            <numerusform>%n items, largest first</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message numerus="yes">
        <location filename="../../app/ui/views/today.py" line="+198"/>
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n task</numerusform>
            <numerusform>%n tasks</numerusform>
        </translation>
    </message>
</context>
</TS>
